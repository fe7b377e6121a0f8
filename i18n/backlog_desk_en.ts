<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
    <name>LedgerModel</name>
    <message>
        <source>Case number</source>
        <extracomment>Native, sortable value of a cell (date, int, str) rather than its display text. The whole LedgerRow of the cell&apos;s row.</extracomment>
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
        <source>Status</source>
        <translation>Status</translation>
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
        <extracomment>True while a new id list is being read in the background. Why reading a new id list failed; the previous rows stay on screen.</extracomment>
        <translation>Closed on %1</translation>
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
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Backlog Desk</source>
        <translation>&amp;About Backlog Desk</translation>
    </message>
    <message>
        <source>All</source>
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
        <source>Search:</source>
        <translation>Search:</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>All departments</translation>
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
