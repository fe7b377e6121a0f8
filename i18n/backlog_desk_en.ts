<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ApplyPackageFlow</name>
    <message>
        <source>Checking the package…</source>
        <extracomment>The package was applied: the ApplyReport. Nothing was changed: the message shown, or &quot;&quot; when the user cancelled.</extracomment>
        <translation>Checking the package…</translation>
    </message>
    <message>
        <source>Applying the package…</source>
        <translation>Applying the package…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Apply package</source>
        <translation>Apply package</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <extracomment>A backup was restored: the RestoreResult. Why a restore failed (nothing was changed).</extracomment>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>Backups kept</translation>
    </message>
    <message>
        <source>The newest %1 backups are kept.</source>
        <translation>The newest %1 backups are kept.</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>Replace the ledger by the backup of %1? The current state is backed up first, so this can be undone.</source>
        <translation>Replace the ledger by the backup of %1? The current state is backed up first, so this can be undone.</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>Restoring the backup…</translation>
    </message>
    <message>
        <source>Restored %1; the state before is in %2.</source>
        <translation>Restored %1; the state before is in %2.</translation>
    </message>
    <message>
        <source>Cannot restore the backup</source>
        <translation>Cannot restore the backup</translation>
    </message>
</context>
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
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Case</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Theirs</translation>
    </message>
    <message>
        <source>Changed by them</source>
        <translation>Changed by them</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>Take theirs</translation>
    </message>
    <message>
        <source>Type a value…</source>
        <translation>Type a value…</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>Cannot resolve the conflict</source>
        <translation>Cannot resolve the conflict</translation>
    </message>
</context>
<context>
    <name>ConsoleModel</name>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Inventory cases</source>
        <translation>Inventory cases</translation>
    </message>
    <message>
        <source>Inventory list</source>
        <translation>Inventory list</translation>
    </message>
    <message>
        <source>Last package sent</source>
        <translation>Last package sent</translation>
    </message>
    <message>
        <source>Last package received</source>
        <translation>Last package received</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Open conflicts</translation>
    </message>
</context>
<context>
    <name>ConsolePage</name>
    <message>
        <source>Refresh</source>
        <extracomment>The console was read again (rows are in `model`). Packages were written: the list of ExportResult. Why the last background job failed.</extracomment>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Export packages for all departments…</source>
        <translation>Export packages for all departments…</translation>
    </message>
    <message>
        <source>Resolve conflicts…</source>
        <translation>Resolve conflicts…</translation>
    </message>
    <message>
        <source>%1 departments · returns overdue: %2 · inventory lists not confirmed: %3 · open conflicts: %4</source>
        <translation>%1 departments · returns overdue: %2 · inventory lists not confirmed: %3 · open conflicts: %4</translation>
    </message>
    <message>
        <source>Folder for the packages</source>
        <translation>Folder for the packages</translation>
    </message>
    <message>
        <source>Writing packages…</source>
        <translation>Writing packages…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CourtPage</name>
    <message>
        <source>Your court</source>
        <translation>Your court</translation>
    </message>
    <message>
        <source>The audit office (审管办) keeps the whole court&apos;s list; a department&apos;s computer keeps that department&apos;s cases.</source>
        <translation>The audit office (审管办) keeps the whole court&apos;s list; a department&apos;s computer keeps that department&apos;s cases.</translation>
    </message>
    <message>
        <source>Audit office</source>
        <translation>Audit office</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>This computer is for:</source>
        <translation>This computer is for:</translation>
    </message>
    <message>
        <source>e.g. 长春市二道区人民法院</source>
        <translation>e.g. 长春市二道区人民法院</translation>
    </message>
    <message>
        <source>Court name:</source>
        <translation>Court name:</translation>
    </message>
    <message>
        <source>as in case numbers, e.g. 吉0105</source>
        <translation>as in case numbers, e.g. 吉0105</translation>
    </message>
    <message>
        <source>Court code:</source>
        <translation>Court code:</translation>
    </message>
    <message>
        <source>e.g. 民一庭</source>
        <translation>e.g. 民一庭</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Department:</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Baseline</source>
        <extracomment>A `LedgerFocus`: show these cases in the ledger. The dashboard finished loading (the new Dashboard) — for the window and tests.</extracomment>
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
        <source>Show these cases in the ledger</source>
        <translation>Show these cases in the ledger</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>Projection</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>The dashboard could not be read: %1</source>
        <translation>The dashboard could not be read: %1</translation>
    </message>
    <message>
        <source>Met</source>
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
        <source>%1 days left</source>
        <translation>%1 days left</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>due today</translation>
    </message>
    <message>
        <source>%1 days past due</source>
        <translation>%1 days past due</translation>
    </message>
    <message>
        <source>%1 has reached %2</source>
        <translation>%1 has reached %2</translation>
    </message>
    <message>
        <source>The campaign is over; %1 did not reach %2</source>
        <translation>The campaign is over; %1 did not reach %2</translation>
    </message>
    <message>
        <source>At the pace of the last %1 weeks, %2 does not reach %3</source>
        <translation>At the pace of the last %1 weeks, %2 does not reach %3</translation>
    </message>
    <message>
        <source>At the pace of the last %1 weeks, %2 reaches %3 on %4 — %5 days late</source>
        <translation>At the pace of the last %1 weeks, %2 reaches %3 on %4 — %5 days late</translation>
    </message>
    <message>
        <source>At the pace of the last %1 weeks, %2 reaches %3 on %4 — %5 days early</source>
        <translation>At the pace of the last %1 weeks, %2 reaches %3 on %4 — %5 days early</translation>
    </message>
    <message>
        <source>At the pace of the last %1 weeks, %2 reaches %3 on %4 — on the due day</source>
        <translation>At the pace of the last %1 weeks, %2 reaches %3 on %4 — on the due day</translation>
    </message>
    <message>
        <source>Expected close date passed: %1</source>
        <translation>Expected close date passed: %1</translation>
    </message>
    <message>
        <source>No reason given: %1</source>
        <translation>No reason given: %1</translation>
    </message>
    <message>
        <source>No progress for 30 days: %1</source>
        <translation>No progress for 30 days: %1</translation>
    </message>
    <message>
        <source>Clearance rate by department</source>
        <translation>Clearance rate by department</translation>
    </message>
    <message>
        <source>Open baseline cases</source>
        <translation>Open baseline cases</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>Departments</translation>
    </message>
    <message>
        <source>Cases at risk (open cases)</source>
        <translation>Cases at risk (open cases)</translation>
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
        <source>the court</source>
        <translation>the court</translation>
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
        <source>Days left</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>%1: %2 closed of %3 (%4), %5 open</source>
        <translation>%1: %2 closed of %3 (%4), %5 open</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>(no department)</translation>
    </message>
    <message>
        <source>Target %1 by %2</source>
        <translation>Target %1 by %2</translation>
    </message>
    <message>
        <source>On track today: %1</source>
        <translation>On track today: %1</translation>
    </message>
    <message>
        <source>%1: %2 open</source>
        <translation>%1: %2 open</translation>
    </message>
    <message>
        <source>%1: at most %2 open (%3 by %4)</source>
        <translation>%1: at most %2 open (%3 by %4)</translation>
    </message>
    <message>
        <source>Projection (last %1 weeks)</source>
        <translation>Projection (last %1 weeks)</translation>
    </message>
    <message>
        <source>Double-click to show this department&apos;s open baseline cases in the ledger</source>
        <translation>Double-click to show this department&apos;s open baseline cases in the ledger</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
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
    <name>EventDialog</name>
    <message>
        <source>Correct a time-limit event of %1</source>
        <extracomment>Deletes the event being corrected; returns why it was refused, or None.</extracomment>
        <translation>Correct a time-limit event of %1</translation>
    </message>
    <message>
        <source>Time-limit event of %1</source>
        <translation>Time-limit event of %1</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Start or decision date</source>
        <translation>Start or decision date</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>Ended on</translation>
    </message>
    <message>
        <source>months</source>
        <translation>months</translation>
    </message>
    <message>
        <source>days</source>
        <translation>days</translation>
    </message>
    <message>
        <source>Extension length</source>
        <translation>Extension length</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>Approved by a superior court</source>
        <translation>Approved by a superior court</translation>
    </message>
    <message>
        <source>New procedure</source>
        <translation>New procedure</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>Delete event</translation>
    </message>
</context>
<context>
    <name>ExportPackageDialog</name>
    <message>
        <source>Export package</source>
        <extracomment>The package was written: the ExportResult. Why nothing was written (&quot;&quot; when the user cancelled).</extracomment>
        <translation>Export package</translation>
    </message>
    <message>
        <source>Audit office (审管办)</source>
        <translation>Audit office (审管办)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>Send to</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>Package file</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Packages (*.db);;All files (*)</source>
        <translation>Packages (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>The package cannot overwrite the ledger itself.</source>
        <translation>The package cannot overwrite the ledger itself.</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>Writing the package…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ExportWorkbooksDialog</name>
    <message>
        <source>Export department workbooks</source>
        <extracomment>The results of a finished export (one ExportResult per department).</extracomment>
        <translation>Export department workbooks</translation>
    </message>
    <message>
        <source>Departments:</source>
        <translation>Departments:</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>Select none</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Output folder:</translation>
    </message>
    <message>
        <source>Return deadline:</source>
        <translation>Return deadline:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Output folder</translation>
    </message>
    <message>
        <source>Choose at least one department.</source>
        <translation>Choose at least one department.</translation>
    </message>
    <message>
        <source>Choose an existing output folder.</source>
        <translation>Choose an existing output folder.</translation>
    </message>
    <message>
        <source>Exporting %1 workbook(s)…</source>
        <translation>Exporting %1 workbook(s)…</translation>
    </message>
    <message>
        <source>Exported %1 workbook(s), %2 cases, to %3</source>
        <translation>Exported %1 workbook(s), %2 cases, to %3</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cancelled; the workbook being written was removed (finished ones are kept).</source>
        <translation>Cancelled; the workbook being written was removed (finished ones are kept).</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>No progress for %1 days</source>
        <extracomment>Filters the bar keeps without a widget, with the text of the note that shows them.</extracomment>
        <translation>No progress for %1 days</translation>
    </message>
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
        <source>All reasons</source>
        <translation>All reasons</translation>
    </message>
    <message>
        <source>The cases a campaign target counts: those filed on or before its day</source>
        <translation>The cases a campaign target counts: those filed on or before its day</translation>
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
        <source>Promise missed</source>
        <translation>Promise missed</translation>
    </message>
    <message>
        <source>Cases that missed a promised close date at least once: it passed while the case was open</source>
        <translation>Cases that missed a promised close date at least once: it passed while the case was open</translation>
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
        <source>Remove this filter</source>
        <translation>Remove this filter</translation>
    </message>
    <message>
        <source>Case number or case name</source>
        <translation>Case number or case name</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Department:</translation>
    </message>
    <message>
        <source>Judge:</source>
        <translation>Judge:</translation>
    </message>
    <message>
        <source>Leader:</source>
        <translation>Leader:</translation>
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
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Target group:</source>
        <translation>Target group:</translation>
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
        <source>All judges</source>
        <translation>All judges</translation>
    </message>
    <message>
        <source>All leaders</source>
        <translation>All leaders</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>All cases</translation>
    </message>
    <message>
        <source>%1 (filed on or before %2)</source>
        <translation>%1 (filed on or before %2)</translation>
    </message>
    <message>
        <source>Filed on or before %1</source>
        <translation>Filed on or before %1</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Backlog Desk — first start</source>
        <translation>Backlog Desk — first start</translation>
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
    <name>ImportFlow</name>
    <message>
        <source>Checking %1…</source>
        <extracomment>The dry run&apos;s preview is shown (tests drive it from here).</extracomment>
        <translation>Checking %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>Importing %1…</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Import preview</source>
        <extracomment>What File → Import and a drop accept (the case system&apos;s exports).</extracomment>
        <translation>Import preview</translation>
    </message>
    <message>
        <source>File: %1 (sheet %2)</source>
        <translation>File: %1 (sheet %2)</translation>
    </message>
    <message>
        <source>New cases:</source>
        <extracomment>The count labels by name, for tests and screen readers.</extracomment>
        <translation>New cases:</translation>
    </message>
    <message>
        <source>Cases updated:</source>
        <translation>Cases updated:</translation>
    </message>
    <message>
        <source>Unchanged:</source>
        <translation>Unchanged:</translation>
    </message>
    <message>
        <source>Rows rejected:</source>
        <translation>Rows rejected:</translation>
    </message>
    <message>
        <source>No longer listed (closure candidates):</source>
        <translation>No longer listed (closure candidates):</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Columns not used: %1</source>
        <translation>Columns not used: %1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>The ledger already holds all of this file.</source>
        <translation>The ledger already holds all of this file.</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Welcome to Backlog Desk</source>
        <translation>Welcome to Backlog Desk</translation>
    </message>
    <message>
        <source>Set up the ledger this computer works with, or look around in a demo court.</source>
        <translation>Set up the ledger this computer works with, or look around in a demo court.</translation>
    </message>
    <message>
        <source>Next asks for your court and where the ledger file is kept; the case list is then imported from the case-management system&apos;s export (File → Import).</source>
        <translation>Next asks for your court and where the ledger file is kept; the case list is then imported from the case-management system&apos;s export (File → Import).</translation>
    </message>
    <message>
        <source>Open the demo court instead (about 3,000 invented cases)</source>
        <translation>Open the demo court instead (about 3,000 invented cases)</translation>
    </message>
</context>
<context>
    <name>LeadersPage</name>
    <message>
        <source>By responsible leader</source>
        <translation>By responsible leader</translation>
    </message>
    <message>
        <source>By judge</source>
        <translation>By judge</translation>
    </message>
    <message>
        <source>All enforcement cases</source>
        <translation>All enforcement cases</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Promises missed</source>
        <translation>Promises missed</translation>
    </message>
    <message>
        <source>Promises moved</source>
        <translation>Promises moved</translation>
    </message>
    <message>
        <source>Enforcement cases</source>
        <translation>Enforcement cases</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
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
        <source>Filed</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>Key categories</source>
        <translation>Key categories</translation>
    </message>
    <message>
        <source>Enforcement cases: %1</source>
        <translation>Enforcement cases: %1</translation>
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
        <source>Promises missed</source>
        <translation>Promises missed</translation>
    </message>
    <message>
        <source>Days past promise</source>
        <translation>Days past promise</translation>
    </message>
    <message>
        <source>Promises moved</source>
        <translation>Promises moved</translation>
    </message>
    <message>
        <source>Days moved</source>
        <translation>Days moved</translation>
    </message>
    <message>
        <source>Under 6 months</source>
        <extracomment>Counts and days of promised close dates: right-aligned, blank for none. Columns a user may edit in the table (department-owned fields; services.cases decides). The default age groups (domain.ages.DEFAULT_AGE_BUCKETS) in the UI language.</extracomment>
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
        <source>Promised close dates missed %1 times by %2 days in total; moved %3 times by %4 days</source>
        <extracomment>Pause between showing the first ids of a re-read and reading the rest (see _first_arrived). Native, sortable value of a cell (date, int, str) rather than its display text. The whole LedgerRow of the cell&apos;s row. May this actor edit `field` of a case of that department? (Actor.may_edit) Apply {field: text} to a row&apos;s case; returns why it was refused, or None when written. True while a new id list is being read in the background. Why reading a new id list failed; the previous rows stay on screen. An edit typed in the table was refused: (reason, the cell&apos;s row, its column).</extracomment>
        <translation>Promised close dates missed %1 times by %2 days in total; moved %3 times by %4 days</translation>
    </message>
    <message>
        <source>Closed on %1</source>
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
    <name>LocationPage</name>
    <message>
        <source>Where the ledger is kept</source>
        <translation>Where the ledger is kept</translation>
    </message>
    <message>
        <source>One file holds the whole ledger; back it up like any important document.</source>
        <translation>One file holds the whole ledger; back it up like any important document.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>New ledger file</source>
        <translation>New ledger file</translation>
    </message>
    <message>
        <source>Ledger databases (*.db);;All files (*)</source>
        <translation>Ledger databases (*.db);;All files (*)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <extracomment>The actor of a window whose user has not signed in: may read, may change nothing. The signed-in account&apos;s actor.</extracomment>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <source>Too many failed sign-ins with this user name; try again in a few minutes</source>
        <translation>Too many failed sign-ins with this user name; try again in a few minutes</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Backlog Desk</source>
        <extracomment>The target (file path or URL) of a ledger whose table is now shown. A message saying why opening or creating a ledger failed. The headline numbers of the open ledger are shown (or known to be absent). Where the demo ledger is (made on demand); new ledgers are offered beside it. (sort key, ids) of the whole ledger as last read, reused when filters are cleared.</extracomment>
        <translation>Backlog Desk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;New ledger…</source>
        <translation>&amp;New ledger…</translation>
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
        <source>&amp;Import case list…</source>
        <translation>&amp;Import case list…</translation>
    </message>
    <message>
        <source>Import the case system&apos;s export (.xlsx, .xls, .csv); or drop the file on the window</source>
        <translation>Import the case system&apos;s export (.xlsx, .xls, .csv); or drop the file on the window</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <extracomment>Where modules of other issues (workbooks, reports) add their file actions.</extracomment>
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
        <source>&amp;Find case…</source>
        <translation>&amp;Find case…</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>&amp;Clear filters</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Preferences…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>&amp;Ledger</translation>
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
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
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
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <source>Ledger</source>
        <extracomment>Whether the dock still needs its first width (no layout was saved).</extracomment>
        <translation>Ledger</translation>
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
        <source>Import case list</source>
        <translation>Import case list</translation>
    </message>
    <message>
        <source>Case system exports (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>Case system exports (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Open a ledger before importing</source>
        <translation>Open a ledger before importing</translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>An import is already running</translation>
    </message>
    <message>
        <source>Imported %1: %2 new, %3 updated, %4 rejected</source>
        <translation>Imported %1: %2 new, %3 updated, %4 rejected</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was changed</source>
        <translation>Import cancelled; nothing was changed</translation>
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
<context>
    <name>PackagePreview</name>
    <message>
        <source>Apply package</source>
        <translation>Apply package</translation>
    </message>
    <message>
        <source>%1 package #%2 from %3, acknowledging our #%4</source>
        <translation>%1 package #%2 from %3, acknowledging our #%4</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Setup</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>Sender&apos;s key fingerprint: %1</source>
        <translation>Sender&apos;s key fingerprint: %1</translation>
    </message>
    <message>
        <source>This is the first package from this sender. Before applying it, call the sender and compare this fingerprint with the one their screen shows: if it differs, do not apply the package. Later packages are checked against this key automatically.</source>
        <translation>This is the first package from this sender. Before applying it, call the sender and compare this fingerprint with the one their screen shows: if it differs, do not apply the package. Later packages are checked against this key automatically.</translation>
    </message>
    <message>
        <source>I have compared the fingerprint with the sender by phone; it is the same</source>
        <translation>I have compared the fingerprint with the sender by phone; it is the same</translation>
    </message>
    <message>
        <source>New cases</source>
        <translation>New cases</translation>
    </message>
    <message>
        <source>Updated cases</source>
        <translation>Updated cases</translation>
    </message>
    <message>
        <source>Cases keeping local changes</source>
        <translation>Cases keeping local changes</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Refused rows</source>
        <translation>Refused rows</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>After</source>
        <translation>After</translation>
    </message>
    <message>
        <source>Ours</source>
        <translation>Ours</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>Theirs</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Changes (%1)</source>
        <translation>Changes (%1)</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>Conflicts (%1)</translation>
    </message>
    <message>
        <source>Refused (%1)</source>
        <translation>Refused (%1)</translation>
    </message>
    <message>
        <source>The first %1 of %2 field changes are listed; all are applied and recorded in the audit log.</source>
        <translation>The first %1 of %2 field changes are listed; all are applied and recorded in the audit log.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
    <message numerus="yes">
        <source>of %n page(s)</source>
        <translation>
            <numerusform>of %n page(s)</numerusform>
            <numerusform>of %n page(s)</numerusform>
        </translation>
    </message>
    <message>
        <source>No report generated yet.</source>
        <translation>No report generated yet.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <extracomment>Each language named in itself, so a user lost in the other one still finds theirs.</extracomment>
        <translation>Preferences</translation>
    </message>
    <message>
        <source>Language / 语言:</source>
        <translation>Language / 语言:</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Backlog Desk.</source>
        <translation>The new language is used from the next start of Backlog Desk.</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Open a ledger to see its reminders</source>
        <extracomment>a case number the user double-clicked (the window shows it in the ledger) the list is shown (tests wait for it)</extracomment>
        <translation>Open a ledger to see its reminders</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
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
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>Working out the reminders…</source>
        <translation>Working out the reminders…</translation>
    </message>
    <message>
        <source>%1 cases: %2</source>
        <translation>%1 cases: %2</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Progress bulletin</source>
        <translation>Progress bulletin</translation>
    </message>
    <message>
        <source>Committee list</source>
        <translation>Committee list</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <source>Report to the intermediate court</source>
        <translation>Report to the intermediate court</translation>
    </message>
    <message>
        <source>Department acceptance report</source>
        <translation>Department acceptance report</translation>
    </message>
    <message>
        <source>Time-limit warning list</source>
        <translation>Time-limit warning list</translation>
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
        <source>Expected date passed</source>
        <translation>Expected date passed</translation>
    </message>
    <message>
        <source>the court&apos;s document number</source>
        <translation>the court&apos;s document number</translation>
    </message>
    <message>
        <source>Include changes entered after the as-of date</source>
        <translation>Include changes entered after the as-of date</translation>
    </message>
    <message>
        <source>Otherwise a past date shows the data as it stood that day, as printed then</source>
        <translation>Otherwise a past date shows the data as it stood that day, as printed then</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Generate</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Check a report PDF against the ledger…</source>
        <translation>Check a report PDF against the ledger…</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>Report:</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>As of:</translation>
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
        <source>Document number:</source>
        <translation>Document number:</translation>
    </message>
    <message>
        <source>none: not signed</source>
        <translation>none: not signed</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Sign with:</source>
        <translation>Sign with:</translation>
    </message>
    <message>
        <source>Certificate password:</source>
        <translation>Certificate password:</translation>
    </message>
    <message>
        <source>Whole court</source>
        <translation>Whole court</translation>
    </message>
    <message>
        <source>Open a ledger first.</source>
        <translation>Open a ledger first.</translation>
    </message>
    <message>
        <source>Choose the department of the acceptance report.</source>
        <translation>Choose the department of the acceptance report.</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>Generating…</translation>
    </message>
    <message>
        <source>Laying out page %1…</source>
        <translation>Laying out page %1…</translation>
    </message>
    <message>
        <source>Report %1: %2 pages, %3 cases, fingerprint %4 (%5 s).</source>
        <translation>Report %1: %2 pages, %3 cases, fingerprint %4 (%5 s).</translation>
    </message>
    <message>
        <source>Signed.</source>
        <translation>Signed.</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>Cancelled: no report was written.</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Save report</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Could not save: %1</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Saved to %1.</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>Signing certificate</translation>
    </message>
    <message>
        <source>PKCS#12 certificates (*.p12 *.pfx)</source>
        <translation>PKCS#12 certificates (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Check a report</source>
        <translation>Check a report</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Report %1 matches the ledger (fingerprint %2).</source>
        <translation>Report %1 matches the ledger (fingerprint %2).</translation>
    </message>
    <message>
        <source>Report %1 does NOT match the ledger: %2 added, %3 removed, %4 changed</source>
        <translation>Report %1 does NOT match the ledger: %2 added, %3 removed, %4 changed</translation>
    </message>
    <message>
        <source>Printing is not available: %1</source>
        <translation>Printing is not available: %1</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Time-limit rules</source>
        <translation>Time-limit rules</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>Track</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>Extensions</translation>
    </message>
    <message>
        <source>Legal source</source>
        <translation>Legal source</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>In force from</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Record the change</source>
        <translation>Record the change</translation>
    </message>
    <message>
        <source>Recorded: %1 = %2 from %3</source>
        <translation>Recorded: %1 = %2 from %3</translation>
    </message>
</context>
<context>
    <name>SearchIndexer</name>
    <message>
        <source>Indexing imported cases for search: %1 of %2…</source>
        <extracomment>Cases indexed by the last catch-up that finished (for tests and the status bar).</extracomment>
        <translation>Indexing imported cases for search: %1 of %2…</translation>
    </message>
    <message>
        <source>Search index up to date (%1 cases added)</source>
        <translation>Search index up to date (%1 cases added)</translation>
    </message>
    <message>
        <source>Could not index the imported cases for search: %1</source>
        <translation>Could not index the imported cases for search: %1</translation>
    </message>
</context>
<context>
    <name>SupervisionPages</name>
    <message>
        <source>Reminders</source>
        <translation>Reminders</translation>
    </message>
    <message>
        <source>Leaders&apos; view</source>
        <translation>Leaders&apos; view</translation>
    </message>
    <message>
        <source>Time-limit rules…</source>
        <translation>Time-limit rules…</translation>
    </message>
    <message>
        <source>Reminders (%1)</source>
        <translation>Reminders (%1)</translation>
    </message>
    <message>
        <source>Reminders: %1 cases need attention; see the Reminders page</source>
        <translation>Reminders: %1 cases need attention; see the Reminders page</translation>
    </message>
</context>
<context>
    <name>TimeLimitPanel</name>
    <message>
        <source>Record event…</source>
        <translation>Record event…</translation>
    </message>
    <message>
        <source>Correct event…</source>
        <translation>Correct event…</translation>
    </message>
    <message>
        <source>Time limit: no case selected</source>
        <translation>Time limit: no case selected</translation>
    </message>
    <message>
        <source>Time limit: %1</source>
        <translation>Time limit: %1</translation>
    </message>
    <message>
        <source>%1 days over</source>
        <translation>%1 days over</translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation>%1 days left</translation>
    </message>
    <message>
        <source>Time limit: %1, ends %2, %3</source>
        <translation>Time limit: %1, ends %2, %3</translation>
    </message>
    <message>
        <source>Calculation</source>
        <translation>Calculation</translation>
    </message>
    <message>
        <source>Hidden over-limit flags</source>
        <translation>Hidden over-limit flags</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>None recorded</source>
        <translation>None recorded</translation>
    </message>
    <message>
        <source>Promised close dates</source>
        <translation>Promised close dates</translation>
    </message>
    <message>
        <source>%1 promised, moved %2 times (%3 days later), missed %4 times (%5 days)</source>
        <translation>%1 promised, moved %2 times (%3 days later), missed %4 times (%5 days)</translation>
    </message>
    <message>
        <source>No case or user</source>
        <translation>No case or user</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Clerk</source>
        <translation>Clerk</translation>
    </message>
    <message>
        <source>Department head</source>
        <translation>Department head</translation>
    </message>
    <message>
        <source>Audit office</source>
        <translation>Audit office</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>Users</source>
        <extracomment>The accounts changed (one was added, disabled, enabled or its password reset).</extracomment>
        <translation>Users</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>Disable / enable</translation>
    </message>
    <message>
        <source>Set this password</source>
        <translation>Set this password</translation>
    </message>
    <message>
        <source>active</source>
        <translation>active</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>User added.</source>
        <translation>User added.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>Password set.</source>
        <translation>Password set.</translation>
    </message>
</context>
<context>
    <name>WindowAccounts</name>
    <message>
        <source>E&amp;xport package…</source>
        <translation>E&amp;xport package…</translation>
    </message>
    <message>
        <source>&amp;Apply package…</source>
        <translation>&amp;Apply package…</translation>
    </message>
    <message>
        <source>New department ledger from &amp;package…</source>
        <translation>New department ledger from &amp;package…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Backups…</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>&amp;Sign in…</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>&amp;Users…</translation>
    </message>
    <message>
        <source>Preview and apply a package from the audit office or a department; or drop the .db file on the window</source>
        <translation>Preview and apply a package from the audit office or a department; or drop the .db file on the window</translation>
    </message>
    <message>
        <source>Console</source>
        <extracomment>The console tab, added when an audit office&apos;s ledger is opened.</extracomment>
        <translation>Console</translation>
    </message>
    <message>
        <source>Package #%1 for %2 written to %3; our key fingerprint %4</source>
        <translation>Package #%1 for %2 written to %3; our key fingerprint %4</translation>
    </message>
    <message>
        <source>Apply package</source>
        <translation>Apply package</translation>
    </message>
    <message>
        <source>Packages (*.db);;All files (*)</source>
        <translation>Packages (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>A package is already being applied</source>
        <translation>A package is already being applied</translation>
    </message>
    <message>
        <source>The audit office&apos;s first package</source>
        <translation>The audit office&apos;s first package</translation>
    </message>
    <message>
        <source>Save the department&apos;s ledger as</source>
        <translation>Save the department&apos;s ledger as</translation>
    </message>
    <message>
        <source>Ledger databases (*.db);;All files (*)</source>
        <translation>Ledger databases (*.db);;All files (*)</translation>
    </message>
    <message>
        <source>%1 already exists: choose a new file name for the department&apos;s ledger.</source>
        <translation>%1 already exists: choose a new file name for the department&apos;s ledger.</translation>
    </message>
    <message>
        <source>Department ledger created from package #%1 of %2: %3 cases</source>
        <translation>Department ledger created from package #%1 of %2: %3 cases</translation>
    </message>
    <message>
        <source>Package #%1 from %2 applied: %3 new, %4 updated, %5 conflicts</source>
        <translation>Package #%1 from %2 applied: %3 new, %4 updated, %5 conflicts</translation>
    </message>
    <message>
        <source>Package not applied; nothing was changed</source>
        <translation>Package not applied; nothing was changed</translation>
    </message>
</context>
<context>
    <name>WindowWorkbooks</name>
    <message>
        <source>Export department workbooks…</source>
        <translation>Export department workbooks…</translation>
    </message>
    <message>
        <source>Import department workbook…</source>
        <translation>Import department workbook…</translation>
    </message>
    <message>
        <source>One protected, validated workbook per department, for clerks without the app</source>
        <translation>One protected, validated workbook per department, for clerks without the app</translation>
    </message>
    <message>
        <source>Take a returned department workbook back, with a preview before anything is written</source>
        <translation>Take a returned department workbook back, with a preview before anything is written</translation>
    </message>
    <message>
        <source>Open a ledger first</source>
        <extracomment>The dialog last opened (kept so it is not garbage-collected while shown).</extracomment>
        <translation>Open a ledger first</translation>
    </message>
    <message>
        <source>Import department workbook</source>
        <translation>Import department workbook</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>Excel workbooks (*.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>Imported %1: %2 cases updated</source>
        <translation>Imported %1: %2 cases updated</translation>
    </message>
</context>
<context>
    <name>WorkbookImportDialog</name>
    <message>
        <source>Import department workbook</source>
        <extracomment>The report once the import has been applied.</extracomment>
        <translation>Import department workbook</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>Unchanged:</source>
        <extracomment>The count labels by name, for tests and screen readers.</extracomment>
        <translation>Unchanged:</translation>
    </message>
    <message>
        <source>Cases updated:</source>
        <translation>Cases updated:</translation>
    </message>
    <message>
        <source>New cases proposed:</source>
        <translation>New cases proposed:</translation>
    </message>
    <message>
        <source>Flagged for the audit office:</source>
        <translation>Flagged for the audit office:</translation>
    </message>
    <message>
        <source>Rejected:</source>
        <translation>Rejected:</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>Case number</translation>
    </message>
    <message>
        <source>Change or reason</source>
        <translation>Change or reason</translation>
    </message>
    <message>
        <source>Save error workbook…</source>
        <translation>Save error workbook…</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Checking the workbook…</source>
        <translation>Checking the workbook…</translation>
    </message>
    <message>
        <source>File: %1 — department %2, export %3</source>
        <translation>File: %1 — department %2, export %3</translation>
    </message>
    <message>
        <source>Nothing is written until you click Apply.</source>
        <translation>Nothing is written until you click Apply.</translation>
    </message>
    <message>
        <source>Nothing to apply: the ledger already holds every entry of this workbook that can be taken.</source>
        <translation>Nothing to apply: the ledger already holds every entry of this workbook that can be taken.</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>New case proposed</source>
        <translation>New case proposed</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Flagged</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>Applying…</translation>
    </message>
    <message>
        <source>Applied: %1 cases updated; backup %2</source>
        <translation>Applied: %1 cases updated; backup %2</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Cancelled; the ledger is unchanged.</source>
        <translation>Cancelled; the ledger is unchanged.</translation>
    </message>
    <message>
        <source>The workbook cannot be imported: %1</source>
        <translation>The workbook cannot be imported: %1</translation>
    </message>
    <message>
        <source>Save error workbook</source>
        <translation>Save error workbook</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel workbooks (*.xlsx)</translation>
    </message>
    <message>
        <source>Error workbook saved: %1</source>
        <translation>Error workbook saved: %1</translation>
    </message>
</context>
</TS>
