<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
    <name>LedgerModel</name>
    <message>
        <source>Case number</source>
        <extracomment>Native, sortable value of a cell (date, int, str) rather than its display text. The whole LedgerRow of the cell&apos;s row.</extracomment>
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
        <source>Status</source>
        <translation>状态</translation>
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
        <extracomment>True while a new id list is being read in the background. Why reading a new id list failed; the previous rows stay on screen.</extracomment>
        <translation>已于%1结案</translation>
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
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Backlog Desk</source>
        <translation>关于积案清结台账(&amp;A)</translation>
    </message>
    <message>
        <source>All</source>
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
        <source>Search:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部部门</translation>
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
