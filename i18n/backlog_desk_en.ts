<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>CaseDetail</name>
    <message>
        <source>Case number</source>
        <extracomment>Every field shown, in the ledger&apos;s order, with its label (English source text).</extracomment>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Case name</source>
        <translation>Case name</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>Filing date</source>
        <translation>Filing date</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>Judge</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <source>Reason category</source>
        <translation>Reason category</translation>
    </message>
    <message>
        <source>Reason not closed</source>
        <translation>Reason not closed</translation>
    </message>
    <message>
        <source>Expected close date</source>
        <translation>Expected close date</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>Committee review date</source>
        <translation>Committee review date</translation>
    </message>
    <message>
        <source>Committee decision</source>
        <translation>Committee decision</translation>
    </message>
    <message>
        <source>Supervision level</source>
        <translation>Supervision level</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Closure candidate</source>
        <translation>Closure candidate</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <source>Select a case in the ledger</source>
        <extracomment>Fields edited here (those a department owns); the actor&apos;s rights decide per case.</extracomment>
        <translation>Select a case in the ledger</translation>
    </message>
    <message>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <source>e.g. 2026-09-30</source>
        <translation>e.g. 2026-09-30</translation>
    </message>
    <message>
        <source>%1 months (%2)</source>
        <translation>%1 months (%2)</translation>
    </message>
    <message>
        <source>Yes: the latest export no longer lists it</source>
        <translation>Yes: the latest export no longer lists it</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Created by importing %1</source>
        <translation>Created by importing %1</translation>
    </message>
    <message>
        <source>Created (demo data)</source>
        <translation>Created (demo data)</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1: %2 → %3</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>edit %1 of %2</source>
        <translation>edit %1 of %2</translation>
    </message>
    <message>
        <source>No ledger is open</source>
        <extracomment>A case&apos;s stored values changed (an edit, an undo or a redo): its id and the names of the fields written. Why an undo or redo was refused; the case keeps its current values.</extracomment>
        <translation>No ledger is open</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All</source>
        <extracomment>The filters changed (search text: after the user paused typing).</extracomment>
        <translation>All</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>All ages</source>
        <translation>All ages</translation>
    </message>
    <message>
        <source>Expected date passed</source>
        <translation>Expected date passed</translation>
    </message>
    <message>
        <source>Open cases whose expected close date is before today</source>
        <translation>Open cases whose expected close date is before today</translation>
    </message>
    <message>
        <source>No reason given</source>
        <translation>No reason given</translation>
    </message>
    <message>
        <source>Open cases with neither a reason category nor a reason</source>
        <translation>Open cases with neither a reason category nor a reason</translation>
    </message>
    <message>
        <source>Case number or case name</source>
        <translation>Case number or case name</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Age:</source>
        <translation>Age:</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>All departments</translation>
    </message>
</context>
<context>
    <name>HeadlinePanel</name>
    <message>
        <source>Baseline</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Clearance rate</source>
        <translation>Clearance rate</translation>
    </message>
    <message>
        <source>Met</source>
        <extracomment>One row of labels per target: name, due, required, actual, state, gap.</extracomment>
        <translation>Met</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>On track</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>Behind</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Missed</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>No campaign is set up in this ledger</source>
        <translation>No campaign is set up in this ledger</translation>
    </message>
    <message>
        <source>(baseline not frozen yet)</source>
        <translation>(baseline not frozen yet)</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>As of %1</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Still to close</source>
        <translation>Still to close</translation>
    </message>
    <message>
        <source>%1 (%2/%3)</source>
        <translation>%1 (%2/%3)</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1 cases</translation>
    </message>
</context>
<context>
    <name>LedgerDelegate</name>
    <message>
        <source>e.g. 2026-09-30</source>
        <translation>e.g. 2026-09-30</translation>
    </message>
    <message>
        <source>A date such as 2026-09-30; leave empty to clear it</source>
        <translation>A date such as 2026-09-30; leave empty to clear it</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Case name</source>
        <translation>Case name</translation>
    </message>
    <message>
        <source>Filing date</source>
        <translation>Filing date</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>Judge</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Age group</source>
        <translation>Age group</translation>
    </message>
    <message>
        <source>Reason category</source>
        <translation>Reason category</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <source>Age (months)</source>
        <translation>Age (months)</translation>
    </message>
    <message>
        <source>Reason not closed</source>
        <translation>Reason not closed</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Measures</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Closed on</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Under 6 months</source>
        <extracomment>Columns a user may edit in the table (department-owned fields; services.cases decides). The default age groups (domain.ages.DEFAULT_AGE_BUCKETS) in the UI language.</extracomment>
        <translation>Under 6 months</translation>
    </message>
    <message>
        <source>6 to 12 months</source>
        <translation>6 to 12 months</translation>
    </message>
    <message>
        <source>1 to 2 years</source>
        <translation>1 to 2 years</translation>
    </message>
    <message>
        <source>2 to 3 years</source>
        <translation>2 to 3 years</translation>
    </message>
    <message>
        <source>Over 3 years</source>
        <translation>Over 3 years</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Closed on %1</source>
        <extracomment>Native, sortable value of a cell (date, int, str) rather than its display text. The whole LedgerRow of the cell&apos;s row. May this actor edit `field` of a case of that department? (Actor.may_edit) Apply {field: text} to a row&apos;s case; returns why it was refused, or None when written. True while a new id list is being read in the background. Why reading a new id list failed; the previous rows stay on screen. An edit typed in the table was refused: (reason, the cell&apos;s row, its column).</extracomment>
        <translation>Closed on %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <extracomment>Bumped when COLUMNS changes, so a layout saved for other columns is not applied.</extracomment>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <source>Default columns</source>
        <translation>Default columns</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Backlog Desk</source>
        <extracomment>The target (file path or URL) of a ledger whose table is now shown. A message saying why opening or creating a ledger failed. The headline numbers of the open ledger are shown (or known to be absent).</extracomment>
        <translation>Backlog Desk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>Whether the dock still needs its first width (no layout was saved).</extracomment>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>&amp;Open database…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>Case &amp;details</source>
        <translation>Case &amp;details</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>&amp;Columns</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Backlog Desk</source>
        <translation>&amp;About Backlog Desk</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>Case details</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Opening %1…</translation>
    </message>
    <message>
        <source>Creating the demo ledger…</source>
        <translation>Creating the demo ledger…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cannot open the ledger</source>
        <translation>Cannot open the ledger</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>Showing %1 of %2 cases</source>
        <translation>Showing %1 of %2 cases</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>Open database</translation>
    </message>
    <message>
        <source>Ledger databases (*.db *.sqlite);;All files (*)</source>
        <translation>Ledger databases (*.db *.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>About Backlog Desk</source>
        <translation>About Backlog Desk</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Backlog Desk&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Ledger of old open cases for backlog-clearance campaigns.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Backlog Desk&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Ledger of old open cases for backlog-clearance campaigns.&lt;/p&gt;</translation>
    </message>
</context>
</TS>
