"""Backlog Desk (积案清结台账): ledger of old open court cases for backlog-clearance campaigns."""

__version__ = "0.1.0"
