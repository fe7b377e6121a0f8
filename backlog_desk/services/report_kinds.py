"""The report kinds, in a module of its own so the window can list them without importing
reportlab (services.reports pulls in the whole PDF stack)."""

KINDS = ("bulletin", "committee", "ledger", "superior", "acceptance", "deadlines")
