<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CaseDetail</name>
    <message>
        <source>Case number</source>
        <extracomment>Every field shown, in the ledger&apos;s order, with its label (English source text).</extracomment>
        <translation>案号</translation>
    </message>
    <message>
        <source>Case name</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>案由</translation>
    </message>
    <message>
        <source>Filing date</source>
        <translation>立案日期</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>案龄</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>包保领导</translation>
    </message>
    <message>
        <source>Procedure</source>
        <translation>适用程序</translation>
    </message>
    <message>
        <source>Reason category</source>
        <translation>未结原因类别</translation>
    </message>
    <message>
        <source>Reason not closed</source>
        <translation>未结原因</translation>
    </message>
    <message>
        <source>Expected close date</source>
        <translation>预计结案日期</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>清结措施</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>结案方式</translation>
    </message>
    <message>
        <source>Committee review date</source>
        <translation>审委会研究日期</translation>
    </message>
    <message>
        <source>Committee decision</source>
        <translation>审委会意见</translation>
    </message>
    <message>
        <source>Supervision level</source>
        <translation>督办级别</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Closure candidate</source>
        <translation>疑似已结</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <source>Select a case in the ledger</source>
        <extracomment>Fields edited here (those a department owns); the actor&apos;s rights decide per case.</extracomment>
        <translation>请在台账中选择一件案件</translation>
    </message>
    <message>
        <source>History</source>
        <translation>变更记录</translation>
    </message>
    <message>
        <source>e.g. 2026-09-30</source>
        <translation>如 2026-09-30</translation>
    </message>
    <message>
        <source>%1 months (%2)</source>
        <translation>%1 个月（%2）</translation>
    </message>
    <message>
        <source>Yes: the latest export no longer lists it</source>
        <translation>是：最新导出清单中已无此案</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Created by importing %1</source>
        <translation>导入 %1 时建立</translation>
    </message>
    <message>
        <source>Created (demo data)</source>
        <translation>建立（演示数据）</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
</context>
<context>
    <name>EditController</name>
    <message>
        <source>edit %1 of %2</source>
        <translation>修改 %2 的%1</translation>
    </message>
    <message>
        <source>No ledger is open</source>
        <extracomment>A case&apos;s stored values changed (an edit, an undo or a redo): its id and the names of the fields written. Why an undo or redo was refused; the case keeps its current values.</extracomment>
        <translation>尚未打开台账</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>All</source>
        <extracomment>The filters changed (search text: after the user paused typing).</extracomment>
        <translation>全部</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结</translation>
    </message>
    <message>
        <source>All ages</source>
        <translation>全部案龄</translation>
    </message>
    <message>
        <source>Expected date passed</source>
        <translation>已过预计结案日期</translation>
    </message>
    <message>
        <source>Open cases whose expected close date is before today</source>
        <translation>预计结案日期早于今天的未结案件</translation>
    </message>
    <message>
        <source>No reason given</source>
        <translation>未填未结原因</translation>
    </message>
    <message>
        <source>Open cases with neither a reason category nor a reason</source>
        <translation>既无未结原因类别也无未结原因的未结案件</translation>
    </message>
    <message>
        <source>Case number or case name</source>
        <translation>案号或案件名称</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>承办部门：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Age:</source>
        <translation>案龄：</translation>
    </message>
    <message>
        <source>Search:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
</context>
<context>
    <name>HeadlinePanel</name>
    <message>
        <source>Baseline</source>
        <translation>基数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>Clearance rate</source>
        <translation>清结率</translation>
    </message>
    <message>
        <source>Met</source>
        <extracomment>One row of labels per target: name, due, required, actual, state, gap.</extracomment>
        <translation>达标</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>进度正常</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>落后</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>未达标</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>No campaign is set up in this ledger</source>
        <translation>本台账尚未设置专项行动</translation>
    </message>
    <message>
        <source>(baseline not frozen yet)</source>
        <translation>（基数尚未锁定）</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>数据截至%1</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>要求</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>实际</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Still to close</source>
        <translation>尚需结案</translation>
    </message>
    <message>
        <source>%1 (%2/%3)</source>
        <translation>%1（%2/%3）</translation>
    </message>
    <message>
        <source>%1 cases</source>
        <translation>%1件</translation>
    </message>
</context>
<context>
    <name>LedgerDelegate</name>
    <message>
        <source>e.g. 2026-09-30</source>
        <translation>如 2026-09-30</translation>
    </message>
    <message>
        <source>A date such as 2026-09-30; leave empty to clear it</source>
        <translation>日期，如 2026-09-30；留空即清除</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Case name</source>
        <translation>案件名称</translation>
    </message>
    <message>
        <source>Filing date</source>
        <translation>立案日期</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>承办部门</translation>
    </message>
    <message>
        <source>Judge</source>
        <translation>承办人</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>包保领导</translation>
    </message>
    <message>
        <source>Age group</source>
        <translation>账龄分段</translation>
    </message>
    <message>
        <source>Reason category</source>
        <translation>未结原因类别</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>预计结案日期</translation>
    </message>
    <message>
        <source>Age (months)</source>
        <translation>案龄(月)</translation>
    </message>
    <message>
        <source>Reason not closed</source>
        <translation>未结原因</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>清结措施</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Closed by</source>
        <translation>结案方式</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Under 6 months</source>
        <extracomment>Columns a user may edit in the table (department-owned fields; services.cases decides). The default age groups (domain.ages.DEFAULT_AGE_BUCKETS) in the UI language.</extracomment>
        <translation>6个月以下</translation>
    </message>
    <message>
        <source>6 to 12 months</source>
        <translation>6个月至1年</translation>
    </message>
    <message>
        <source>1 to 2 years</source>
        <translation>1至2年</translation>
    </message>
    <message>
        <source>2 to 3 years</source>
        <translation>2至3年</translation>
    </message>
    <message>
        <source>Over 3 years</source>
        <translation>3年以上</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结</translation>
    </message>
    <message>
        <source>Closed on %1</source>
        <extracomment>Native, sortable value of a cell (date, int, str) rather than its display text. The whole LedgerRow of the cell&apos;s row. May this actor edit `field` of a case of that department? (Actor.may_edit) Apply {field: text} to a row&apos;s case; returns why it was refused, or None when written. True while a new id list is being read in the background. Why reading a new id list failed; the previous rows stay on screen. An edit typed in the table was refused: (reason, the cell&apos;s row, its column).</extracomment>
        <translation>已于%1结案</translation>
    </message>
    <message>
        <source>(none)</source>
        <extracomment>Bumped when COLUMNS changes, so a layout saved for other columns is not applied.</extracomment>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>LedgerView</name>
    <message>
        <source>Default columns</source>
        <translation>恢复默认列</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Backlog Desk</source>
        <extracomment>The target (file path or URL) of a ledger whose table is now shown. A message saying why opening or creating a ledger failed. The headline numbers of the open ledger are shown (or known to be absent).</extracomment>
        <translation>积案清结台账</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <extracomment>Whether the dock still needs its first width (no layout was saved).</extracomment>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Case &amp;details</source>
        <translation>案件详情(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Columns</source>
        <translation>显示列(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Backlog Desk</source>
        <translation>关于积案清结台账(&amp;A)</translation>
    </message>
    <message>
        <source>Case details</source>
        <translation>案件详情</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Creating the demo ledger…</source>
        <translation>正在创建演示台账…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot open the ledger</source>
        <translation>无法打开台账</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Showing %1 of %2 cases</source>
        <translation>显示 %1 件 / 共 %2 件</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>Ledger databases (*.db *.sqlite);;All files (*)</source>
        <translation>台账数据库 (*.db *.sqlite);;所有文件 (*)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>About Backlog Desk</source>
        <translation>关于积案清结台账</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Backlog Desk&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Ledger of old open cases for backlog-clearance campaigns.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;积案清结台账&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;旧存案件清结专项行动的台账、进度与报表。&lt;/p&gt;</translation>
    </message>
</context>
</TS>
