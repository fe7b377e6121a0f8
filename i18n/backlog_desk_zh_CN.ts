<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ApplyPackageFlow</name>
    <message>
        <source>Checking the package…</source>
        <extracomment>The package was applied: the ApplyReport. Nothing was changed: the message shown, or &quot;&quot; when the user cancelled.</extracomment>
        <translation>正在核验数据包…</translation>
    </message>
    <message>
        <source>Applying the package…</source>
        <translation>正在导入数据包…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Apply package</source>
        <translation>导入数据包</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <extracomment>A backup was restored: the RestoreResult. Why a restore failed (nothing was changed).</extracomment>
        <translation>备份</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Backups kept</source>
        <translation>保留备份数</translation>
    </message>
    <message>
        <source>The newest %1 backups are kept.</source>
        <translation>保留最近 %1 份备份。</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Replace the ledger by the backup of %1? The current state is backed up first, so this can be undone.</source>
        <translation>用 %1 的备份替换当前台账？替换前会先备份当前状态，可以撤回。</translation>
    </message>
    <message>
        <source>Restoring the backup…</source>
        <translation>正在恢复备份…</translation>
    </message>
    <message>
        <source>Restored %1; the state before is in %2.</source>
        <translation>已恢复 %1；恢复前的状态保存在 %2。</translation>
    </message>
    <message>
        <source>Cannot restore the backup</source>
        <translation>无法恢复备份</translation>
    </message>
</context>
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
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>本方值</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>对方值</translation>
    </message>
    <message>
        <source>Changed by them</source>
        <translation>对方修改人</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Keep mine</source>
        <translation>保留本方</translation>
    </message>
    <message>
        <source>Take theirs</source>
        <translation>采用对方</translation>
    </message>
    <message>
        <source>Type a value…</source>
        <translation>输入新值…</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>Cannot resolve the conflict</source>
        <translation>无法解决冲突</translation>
    </message>
</context>
<context>
    <name>ConsoleModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Inventory cases</source>
        <translation>清单案件数</translation>
    </message>
    <message>
        <source>Inventory list</source>
        <translation>排查立账确认</translation>
    </message>
    <message>
        <source>Last package sent</source>
        <translation>最近发出</translation>
    </message>
    <message>
        <source>Last package received</source>
        <translation>最近收到</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>报送</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>未解决冲突</translation>
    </message>
</context>
<context>
    <name>ConsolePage</name>
    <message>
        <source>Refresh</source>
        <extracomment>The console was read again (rows are in `model`). Packages were written: the list of ExportResult. Why the last background job failed.</extracomment>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export packages for all departments…</source>
        <translation>为全部部门导出数据包…</translation>
    </message>
    <message>
        <source>Resolve conflicts…</source>
        <translation>解决冲突…</translation>
    </message>
    <message>
        <source>%1 departments · returns overdue: %2 · inventory lists not confirmed: %3 · open conflicts: %4</source>
        <translation>%1 个部门 · 报送逾期：%2 · 未确认排查清单：%3 · 未解决冲突：%4</translation>
    </message>
    <message>
        <source>Folder for the packages</source>
        <translation>数据包保存文件夹</translation>
    </message>
    <message>
        <source>Writing packages…</source>
        <translation>正在生成数据包…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>CourtPage</name>
    <message>
        <source>Your court</source>
        <translation>本院信息</translation>
    </message>
    <message>
        <source>The audit office (审管办) keeps the whole court&apos;s list; a department&apos;s computer keeps that department&apos;s cases.</source>
        <translation>审管办管理全院清单；部门的电脑只管理本部门的案件。</translation>
    </message>
    <message>
        <source>Audit office</source>
        <translation>审管办</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>业务部门</translation>
    </message>
    <message>
        <source>This computer is for:</source>
        <translation>本机用于：</translation>
    </message>
    <message>
        <source>e.g. 长春市二道区人民法院</source>
        <translation>如：长春市二道区人民法院</translation>
    </message>
    <message>
        <source>Court name:</source>
        <translation>法院名称：</translation>
    </message>
    <message>
        <source>as in case numbers, e.g. 吉0105</source>
        <translation>案号中的法院代字，如：吉0105</translation>
    </message>
    <message>
        <source>Court code:</source>
        <translation>法院代字：</translation>
    </message>
    <message>
        <source>e.g. 民一庭</source>
        <translation>如：民一庭</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Baseline</source>
        <extracomment>A `LedgerFocus`: show these cases in the ledger. The dashboard finished loading (the new Dashboard) — for the window and tests.</extracomment>
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
        <source>Show these cases in the ledger</source>
        <translation>在台账中显示这些案件</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>The dashboard could not be read: %1</source>
        <translation>无法读取统计看板：%1</translation>
    </message>
    <message>
        <source>Met</source>
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
        <source>%1 days left</source>
        <translation>剩余%1天</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>%1 days past due</source>
        <translation>已逾期%1天</translation>
    </message>
    <message>
        <source>%1 has reached %2</source>
        <translation>%1已达到%2</translation>
    </message>
    <message>
        <source>The campaign is over; %1 did not reach %2</source>
        <translation>专项行动已结束，%1未达到%2</translation>
    </message>
    <message>
        <source>At the pace of the last %1 weeks, %2 does not reach %3</source>
        <translation>按近%1周进度，%2无法达到%3</translation>
    </message>
    <message>
        <source>At the pace of the last %1 weeks, %2 reaches %3 on %4 — %5 days late</source>
        <translation>按近%1周进度，%2将于%4达到%3，比目标晚%5天</translation>
    </message>
    <message>
        <source>At the pace of the last %1 weeks, %2 reaches %3 on %4 — %5 days early</source>
        <translation>按近%1周进度，%2将于%4达到%3，比目标早%5天</translation>
    </message>
    <message>
        <source>At the pace of the last %1 weeks, %2 reaches %3 on %4 — on the due day</source>
        <translation>按近%1周进度，%2将于%4达到%3，恰好按期</translation>
    </message>
    <message>
        <source>Expected close date passed: %1</source>
        <translation>已过预计结案日期：%1件</translation>
    </message>
    <message>
        <source>No reason given: %1</source>
        <translation>未填未结原因：%1件</translation>
    </message>
    <message>
        <source>No progress for 30 days: %1</source>
        <translation>30天无进展：%1件</translation>
    </message>
    <message>
        <source>Clearance rate by department</source>
        <translation>各部门清结率</translation>
    </message>
    <message>
        <source>Open baseline cases</source>
        <translation>旧存案件未结数</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>各部门</translation>
    </message>
    <message>
        <source>Cases at risk (open cases)</source>
        <translation>风险案件（未结案件）</translation>
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
        <translation>截至%1</translation>
    </message>
    <message>
        <source>the court</source>
        <translation>全院</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
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
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>%1: %2 closed of %3 (%4), %5 open</source>
        <translation>%1：已结%2件/共%3件（%4），未结%5件</translation>
    </message>
    <message>
        <source>(no department)</source>
        <translation>（无部门）</translation>
    </message>
    <message>
        <source>Target %1 by %2</source>
        <translation>目标：%2前达到%1</translation>
    </message>
    <message>
        <source>On track today: %1</source>
        <translation>按期进度：%1</translation>
    </message>
    <message>
        <source>%1: %2 open</source>
        <translation>%1：未结%2件</translation>
    </message>
    <message>
        <source>%1: at most %2 open (%3 by %4)</source>
        <translation>%1：未结不超过%2件（%4前达到%3）</translation>
    </message>
    <message>
        <source>Projection (last %1 weeks)</source>
        <translation>预测（按近%1周进度）</translation>
    </message>
    <message>
        <source>Double-click to show this department&apos;s open baseline cases in the ledger</source>
        <translation>双击在台账中显示本部门未结的旧存案件</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>统计看板</translation>
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
    <name>EventDialog</name>
    <message>
        <source>Correct a time-limit event of %1</source>
        <extracomment>Deletes the event being corrected; returns why it was refused, or None.</extracomment>
        <translation>更正 %1 的审限事项</translation>
    </message>
    <message>
        <source>Time-limit event of %1</source>
        <translation>%1 审限变更</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Start or decision date</source>
        <translation>开始（决定）日期</translation>
    </message>
    <message>
        <source>Ended on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>months</source>
        <translation>个月</translation>
    </message>
    <message>
        <source>days</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Extension length</source>
        <translation>延长期限</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>Approved by a superior court</source>
        <translation>经上级法院批准</translation>
    </message>
    <message>
        <source>New procedure</source>
        <translation>转换后程序</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Delete event</source>
        <translation>删除此事项</translation>
    </message>
</context>
<context>
    <name>ExportPackageDialog</name>
    <message>
        <source>Export package</source>
        <extracomment>The package was written: the ExportResult. Why nothing was written (&quot;&quot; when the user cancelled).</extracomment>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>Audit office (审管办)</source>
        <translation>审管办</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Send to</source>
        <translation>发送给</translation>
    </message>
    <message>
        <source>Package file</source>
        <translation>数据包文件</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Packages (*.db);;All files (*)</source>
        <translation>数据包 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The package cannot overwrite the ledger itself.</source>
        <translation>数据包不能覆盖台账文件本身。</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在生成数据包…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ExportWorkbooksDialog</name>
    <message>
        <source>Export department workbooks</source>
        <extracomment>The results of a finished export (one ExportResult per department).</extracomment>
        <translation>导出部门台账工作簿</translation>
    </message>
    <message>
        <source>Departments:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Select none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>保存文件夹：</translation>
    </message>
    <message>
        <source>Return deadline:</source>
        <translation>报送截止日期：</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>保存文件夹</translation>
    </message>
    <message>
        <source>Choose at least one department.</source>
        <translation>请至少选择一个部门。</translation>
    </message>
    <message>
        <source>Choose an existing output folder.</source>
        <translation>请选择一个已存在的保存文件夹。</translation>
    </message>
    <message>
        <source>Exporting %1 workbook(s)…</source>
        <translation>正在导出 %1 个工作簿…</translation>
    </message>
    <message>
        <source>Exported %1 workbook(s), %2 cases, to %3</source>
        <translation>已导出 %1 个工作簿，共 %2 件案件，保存在 %3</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelled; the workbook being written was removed (finished ones are kept).</source>
        <translation>已取消；正在写入的工作簿已删除（已完成的保留）。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>No progress for %1 days</source>
        <extracomment>Filters the bar keeps without a widget, with the text of the note that shows them.</extracomment>
        <translation>%1 天无进展</translation>
    </message>
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
        <source>All reasons</source>
        <translation>全部原因</translation>
    </message>
    <message>
        <source>The cases a campaign target counts: those filed on or before its day</source>
        <translation>专项目标统计的案件：在其日期当日或之前立案的案件</translation>
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
        <source>Promise missed</source>
        <translation>承诺逾期</translation>
    </message>
    <message>
        <source>Cases that missed a promised close date at least once: it passed while the case was open</source>
        <translation>至少有一次承诺的预计结案日期已过而案件仍未结的案件</translation>
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
        <source>Remove this filter</source>
        <translation>取消此筛选</translation>
    </message>
    <message>
        <source>Case number or case name</source>
        <translation>案号或案件名称</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>承办部门：</translation>
    </message>
    <message>
        <source>Judge:</source>
        <translation>承办人：</translation>
    </message>
    <message>
        <source>Leader:</source>
        <translation>包保领导：</translation>
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
        <source>Reason:</source>
        <translation>未结原因：</translation>
    </message>
    <message>
        <source>Target group:</source>
        <translation>目标范围：</translation>
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
        <source>All judges</source>
        <translation>全部承办人</translation>
    </message>
    <message>
        <source>All leaders</source>
        <translation>全部包保领导</translation>
    </message>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>%1 (filed on or before %2)</source>
        <translation>%1（%2及以前立案）</translation>
    </message>
    <message>
        <source>Filed on or before %1</source>
        <translation>%1及以前立案</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>Backlog Desk — first start</source>
        <translation>积案清结台账 — 首次使用</translation>
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
    <name>ImportFlow</name>
    <message>
        <source>Checking %1…</source>
        <extracomment>The dry run&apos;s preview is shown (tests drive it from here).</extracomment>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Import preview</source>
        <extracomment>What File → Import and a drop accept (the case system&apos;s exports).</extracomment>
        <translation>导入预览</translation>
    </message>
    <message>
        <source>File: %1 (sheet %2)</source>
        <translation>文件：%1（工作表 %2）</translation>
    </message>
    <message>
        <source>New cases:</source>
        <extracomment>The count labels by name, for tests and screen readers.</extracomment>
        <translation>新增案件：</translation>
    </message>
    <message>
        <source>Cases updated:</source>
        <translation>更新案件：</translation>
    </message>
    <message>
        <source>Unchanged:</source>
        <translation>无变化：</translation>
    </message>
    <message>
        <source>Rows rejected:</source>
        <translation>拒收行数：</translation>
    </message>
    <message>
        <source>No longer listed (closure candidates):</source>
        <translation>清单中已不再列出（疑似已结）：</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Columns not used: %1</source>
        <translation>未使用的列：%1</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>The ledger already holds all of this file.</source>
        <translation>台账已包含此文件的全部内容。</translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <source>Welcome to Backlog Desk</source>
        <translation>欢迎使用积案清结台账</translation>
    </message>
    <message>
        <source>Set up the ledger this computer works with, or look around in a demo court.</source>
        <translation>设置本机使用的台账，或先在演示法院中看看。</translation>
    </message>
    <message>
        <source>Next asks for your court and where the ledger file is kept; the case list is then imported from the case-management system&apos;s export (File → Import).</source>
        <translation>点击“下一步”填写本院信息和台账文件的位置；之后从审判管理系统导出的案件清单导入案件（文件 → 导入）。</translation>
    </message>
    <message>
        <source>Open the demo court instead (about 3,000 invented cases)</source>
        <translation>改为打开演示法院（约3000件虚构案件）</translation>
    </message>
</context>
<context>
    <name>LeadersPage</name>
    <message>
        <source>By responsible leader</source>
        <translation>按包保领导</translation>
    </message>
    <message>
        <source>By judge</source>
        <translation>按承办人</translation>
    </message>
    <message>
        <source>All enforcement cases</source>
        <translation>全部执行案件</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已结</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>清结率</translation>
    </message>
    <message>
        <source>Promises missed</source>
        <translation>承诺结案日期逾期</translation>
    </message>
    <message>
        <source>Promises moved</source>
        <translation>承诺结案日期推迟</translation>
    </message>
    <message>
        <source>Enforcement cases</source>
        <translation>执行案件</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
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
        <source>Filed</source>
        <translation>立案日期</translation>
    </message>
    <message>
        <source>Key categories</source>
        <translation>重点类别</translation>
    </message>
    <message>
        <source>Enforcement cases: %1</source>
        <translation>执行案件：%1件</translation>
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
        <source>Promises missed</source>
        <translation>承诺逾期次数</translation>
    </message>
    <message>
        <source>Days past promise</source>
        <translation>承诺逾期天数</translation>
    </message>
    <message>
        <source>Promises moved</source>
        <translation>承诺变更次数</translation>
    </message>
    <message>
        <source>Days moved</source>
        <translation>承诺推迟天数</translation>
    </message>
    <message>
        <source>Under 6 months</source>
        <extracomment>Counts and days of promised close dates: right-aligned, blank for none. Columns a user may edit in the table (department-owned fields; services.cases decides). The default age groups (domain.ages.DEFAULT_AGE_BUCKETS) in the UI language.</extracomment>
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
        <source>Promised close dates missed %1 times by %2 days in total; moved %3 times by %4 days</source>
        <extracomment>Pause between showing the first ids of a re-read and reading the rest (see _first_arrived). Native, sortable value of a cell (date, int, str) rather than its display text. The whole LedgerRow of the cell&apos;s row. May this actor edit `field` of a case of that department? (Actor.may_edit) Apply {field: text} to a row&apos;s case; returns why it was refused, or None when written. True while a new id list is being read in the background. Why reading a new id list failed; the previous rows stay on screen. An edit typed in the table was refused: (reason, the cell&apos;s row, its column).</extracomment>
        <translation>承诺结案日期逾期 %1 次，共 %2 天；变更 %3 次，共推迟 %4 天</translation>
    </message>
    <message>
        <source>Closed on %1</source>
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
    <name>LocationPage</name>
    <message>
        <source>Where the ledger is kept</source>
        <translation>台账保存位置</translation>
    </message>
    <message>
        <source>One file holds the whole ledger; back it up like any important document.</source>
        <translation>整个台账保存在一个文件中，请像重要文档一样做好备份。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>New ledger file</source>
        <translation>新台账文件</translation>
    </message>
    <message>
        <source>Ledger databases (*.db);;All files (*)</source>
        <translation>台账数据库 (*.db);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <extracomment>The actor of a window whose user has not signed in: may read, may change nothing. The signed-in account&apos;s actor.</extracomment>
        <translation>登录</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Wrong user name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>Too many failed sign-ins with this user name; try again in a few minutes</source>
        <translation>此用户名登录失败次数过多，请几分钟后再试</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Backlog Desk</source>
        <extracomment>The target (file path or URL) of a ledger whose table is now shown. A message saying why opening or creating a ledger failed. The headline numbers of the open ledger are shown (or known to be absent). Where the demo ledger is (made on demand); new ledgers are offered beside it. (sort key, ids) of the whole ledger as last read, reused when filters are cleared.</extracomment>
        <translation>积案清结台账</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New ledger…</source>
        <translation>新建台账(&amp;N)…</translation>
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
        <source>&amp;Import case list…</source>
        <translation>导入案件清单(&amp;I)…</translation>
    </message>
    <message>
        <source>Import the case system&apos;s export (.xlsx, .xls, .csv); or drop the file on the window</source>
        <translation>导入审判管理系统导出的案件清单（.xlsx、.xls、.csv），也可把文件拖到窗口上</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <extracomment>Where modules of other issues (workbooks, reports) add their file actions.</extracomment>
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
        <source>&amp;Find case…</source>
        <translation>查找案件(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Clear filters</source>
        <translation>清除筛选(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Ledger</source>
        <translation>台账(&amp;L)</translation>
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
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
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
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Ledger</source>
        <extracomment>Whether the dock still needs its first width (no layout was saved).</extracomment>
        <translation>台账</translation>
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
        <source>Import case list</source>
        <translation>导入案件清单</translation>
    </message>
    <message>
        <source>Case system exports (*.xlsx *.xls *.csv);;All files (*)</source>
        <translation>案件清单 (*.xlsx *.xls *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open a ledger before importing</source>
        <translation>请先打开台账再导入</translation>
    </message>
    <message>
        <source>An import is already running</source>
        <translation>已有一个导入正在进行</translation>
    </message>
    <message>
        <source>Imported %1: %2 new, %3 updated, %4 rejected</source>
        <translation>已导入 %1：新增 %2 件，更新 %3 件，拒收 %4 行</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>导入失败</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was changed</source>
        <translation>已取消导入，台账未作任何改动</translation>
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
<context>
    <name>PackagePreview</name>
    <message>
        <source>Apply package</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>%1 package #%2 from %3, acknowledging our #%4</source>
        <translation>来自%3的%1数据包第%2号（已确认收到我方第%4号）</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>初始化</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变更</translation>
    </message>
    <message>
        <source>Sender&apos;s key fingerprint: %1</source>
        <translation>发送方密钥指纹：%1</translation>
    </message>
    <message>
        <source>This is the first package from this sender. Before applying it, call the sender and compare this fingerprint with the one their screen shows: if it differs, do not apply the package. Later packages are checked against this key automatically.</source>
        <translation>这是该发送方的第一个数据包。导入前请电话联系发送方，核对其屏幕上显示的密钥指纹与此处是否一致；如不一致，请勿导入。此后的数据包将自动按此密钥核验。</translation>
    </message>
    <message>
        <source>I have compared the fingerprint with the sender by phone; it is the same</source>
        <translation>已与发送方电话核对密钥指纹，两边一致</translation>
    </message>
    <message>
        <source>New cases</source>
        <translation>新增案件</translation>
    </message>
    <message>
        <source>Updated cases</source>
        <translation>更新案件</translation>
    </message>
    <message>
        <source>Cases keeping local changes</source>
        <translation>保留本地修改的案件</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Refused rows</source>
        <translation>拒收行</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>当前值</translation>
    </message>
    <message>
        <source>After</source>
        <translation>导入后</translation>
    </message>
    <message>
        <source>Ours</source>
        <translation>我方值</translation>
    </message>
    <message>
        <source>Theirs</source>
        <translation>对方值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Changes (%1)</source>
        <translation>变更（%1）</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>冲突（%1）</translation>
    </message>
    <message>
        <source>Refused (%1)</source>
        <translation>拒收（%1）</translation>
    </message>
    <message>
        <source>The first %1 of %2 field changes are listed; all are applied and recorded in the audit log.</source>
        <translation>列出前%1处字段变更（共%2处）；全部变更都会导入并记入审计日志。</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>导入</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message numerus="yes">
        <source>of %n page(s)</source>
        <translation>
            <numerusform>共 %n 页</numerusform>
        </translation>
    </message>
    <message>
        <source>No report generated yet.</source>
        <translation>尚未生成报表。</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <extracomment>Each language named in itself, so a user lost in the other one still finds theirs.</extracomment>
        <translation>首选项</translation>
    </message>
    <message>
        <source>Language / 语言:</source>
        <translation>语言 / Language：</translation>
    </message>
    <message>
        <source>The new language is used from the next start of Backlog Desk.</source>
        <translation>新语言将在下次启动积案清结台账时生效。</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Open a ledger to see its reminders</source>
        <extracomment>a case number the user double-clicked (the window shows it in the ledger) the list is shown (tests wait for it)</extracomment>
        <translation>打开台账后显示提醒</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
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
        <source>Due</source>
        <translation>到期日</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>提醒事项</translation>
    </message>
    <message>
        <source>Working out the reminders…</source>
        <translation>正在生成提醒…</translation>
    </message>
    <message>
        <source>%1 cases: %2</source>
        <translation>共%1件：%2</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Progress bulletin</source>
        <translation>清结进度通报</translation>
    </message>
    <message>
        <source>Committee list</source>
        <translation>长期未结案件审委会研究清单</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Report to the intermediate court</source>
        <translation>报市中院审管办报告</translation>
    </message>
    <message>
        <source>Department acceptance report</source>
        <translation>部门验收报告</translation>
    </message>
    <message>
        <source>Time-limit warning list</source>
        <translation>审限预警清单</translation>
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
        <source>Expected date passed</source>
        <translation>已过预计结案日期</translation>
    </message>
    <message>
        <source>the court&apos;s document number</source>
        <translation>文号，如 长二法〔2026〕18号</translation>
    </message>
    <message>
        <source>Include changes entered after the as-of date</source>
        <translation>包含截至日期之后录入的变更</translation>
    </message>
    <message>
        <source>Otherwise a past date shows the data as it stood that day, as printed then</source>
        <translation>不勾选时，以往日期的报表显示当日的数据状态，与当时打印的一致</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Check a report PDF against the ledger…</source>
        <translation>核对报表 PDF 与台账数据…</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报表：</translation>
    </message>
    <message>
        <source>As of:</source>
        <translation>数据截至：</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>部门：</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Document number:</source>
        <translation>文号：</translation>
    </message>
    <message>
        <source>none: not signed</source>
        <translation>不填则不签名</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Sign with:</source>
        <translation>数字签名证书：</translation>
    </message>
    <message>
        <source>Certificate password:</source>
        <translation>证书密码：</translation>
    </message>
    <message>
        <source>Whole court</source>
        <translation>全院</translation>
    </message>
    <message>
        <source>Open a ledger first.</source>
        <translation>请先打开台账。</translation>
    </message>
    <message>
        <source>Choose the department of the acceptance report.</source>
        <translation>请选择验收报告的部门。</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Laying out page %1…</source>
        <translation>正在排版第 %1 页…</translation>
    </message>
    <message>
        <source>Report %1: %2 pages, %3 cases, fingerprint %4 (%5 s).</source>
        <translation>报表 %1：共 %2 页，%3 件案件，数据指纹 %4（%5 秒）。</translation>
    </message>
    <message>
        <source>Signed.</source>
        <translation>已签名。</translation>
    </message>
    <message>
        <source>Cancelled: no report was written.</source>
        <translation>已取消：未生成报表。</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>无法保存：%1</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>签名证书</translation>
    </message>
    <message>
        <source>PKCS#12 certificates (*.p12 *.pfx)</source>
        <translation>PKCS#12 证书 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <source>Check a report</source>
        <translation>核对报表</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在核对…</translation>
    </message>
    <message>
        <source>Report %1 matches the ledger (fingerprint %2).</source>
        <translation>报表 %1 与台账数据一致（数据指纹 %2）。</translation>
    </message>
    <message>
        <source>Report %1 does NOT match the ledger: %2 added, %3 removed, %4 changed</source>
        <translation>报表 %1 与台账数据不一致：新增 %2 件，移除 %3 件，变更 %4 件</translation>
    </message>
    <message>
        <source>Printing is not available: %1</source>
        <translation>无法打印：%1</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Time-limit rules</source>
        <translation>审限规则</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Track</source>
        <translation>审限类别</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>法定审限</translation>
    </message>
    <message>
        <source>Extensions</source>
        <translation>可延长</translation>
    </message>
    <message>
        <source>Legal source</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>调整项目</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>新值</translation>
    </message>
    <message>
        <source>In force from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Record the change</source>
        <translation>登记调整</translation>
    </message>
    <message>
        <source>Recorded: %1 = %2 from %3</source>
        <translation>已登记：%1 = %2，自%3起施行</translation>
    </message>
</context>
<context>
    <name>SearchIndexer</name>
    <message>
        <source>Indexing imported cases for search: %1 of %2…</source>
        <extracomment>Cases indexed by the last catch-up that finished (for tests and the status bar).</extracomment>
        <translation>正在为搜索建立导入案件的索引：%1 / %2…</translation>
    </message>
    <message>
        <source>Search index up to date (%1 cases added)</source>
        <translation>搜索索引已更新（新增 %1 件案件）</translation>
    </message>
    <message>
        <source>Could not index the imported cases for search: %1</source>
        <translation>未能为搜索建立导入案件的索引：%1</translation>
    </message>
</context>
<context>
    <name>SupervisionPages</name>
    <message>
        <source>Reminders</source>
        <translation>提醒督办</translation>
    </message>
    <message>
        <source>Leaders&apos; view</source>
        <translation>领导视图</translation>
    </message>
    <message>
        <source>Time-limit rules…</source>
        <translation>审限规则…</translation>
    </message>
    <message>
        <source>Reminders (%1)</source>
        <translation>提醒督办（%1）</translation>
    </message>
    <message>
        <source>Reminders: %1 cases need attention; see the Reminders page</source>
        <translation>今日提醒：%1 件案件需要关注，见“提醒督办”页</translation>
    </message>
</context>
<context>
    <name>TimeLimitPanel</name>
    <message>
        <source>Record event…</source>
        <translation>登记审限变更…</translation>
    </message>
    <message>
        <source>Correct event…</source>
        <translation>更正审限事项…</translation>
    </message>
    <message>
        <source>Time limit: no case selected</source>
        <translation>审限：未选择案件</translation>
    </message>
    <message>
        <source>Time limit: %1</source>
        <translation>审限：%1</translation>
    </message>
    <message>
        <source>%1 days over</source>
        <translation>已超%1日</translation>
    </message>
    <message>
        <source>%1 days left</source>
        <translation>剩余%1日</translation>
    </message>
    <message>
        <source>Time limit: %1, ends %2, %3</source>
        <translation>审限：%1，届满日%2，%3</translation>
    </message>
    <message>
        <source>Calculation</source>
        <translation>计算过程</translation>
    </message>
    <message>
        <source>Hidden over-limit flags</source>
        <translation>隐性超审限提示</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>审限变更记录</translation>
    </message>
    <message>
        <source>None recorded</source>
        <translation>尚无记录</translation>
    </message>
    <message>
        <source>Promised close dates</source>
        <translation>承诺结案日期</translation>
    </message>
    <message>
        <source>%1 promised, moved %2 times (%3 days later), missed %4 times (%5 days)</source>
        <translation>共承诺%1次，推迟%2次（共推迟%3日），逾期%4次（共%5日）</translation>
    </message>
    <message>
        <source>No case or user</source>
        <translation>未选择案件或用户</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Clerk</source>
        <translation>录入员</translation>
    </message>
    <message>
        <source>Department head</source>
        <translation>庭长</translation>
    </message>
    <message>
        <source>Audit office</source>
        <translation>审管办</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>院领导</translation>
    </message>
    <message>
        <source>Users</source>
        <extracomment>The accounts changed (one was added, disabled, enabled or its password reset).</extracomment>
        <translation>用户管理</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>添加用户</translation>
    </message>
    <message>
        <source>Disable / enable</source>
        <translation>停用 / 启用</translation>
    </message>
    <message>
        <source>Set this password</source>
        <translation>设为此密码</translation>
    </message>
    <message>
        <source>active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>User added.</source>
        <translation>已添加用户。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>Password set.</source>
        <translation>密码已设置。</translation>
    </message>
</context>
<context>
    <name>WindowAccounts</name>
    <message>
        <source>E&amp;xport package…</source>
        <translation>导出数据包(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Apply package…</source>
        <translation>导入数据包(&amp;A)…</translation>
    </message>
    <message>
        <source>New department ledger from &amp;package…</source>
        <translation>从数据包新建部门台账(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Sign in…</source>
        <translation>登录(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>用户管理(&amp;U)…</translation>
    </message>
    <message>
        <source>Preview and apply a package from the audit office or a department; or drop the .db file on the window</source>
        <translation>预览并导入审管办或业务部门发来的数据包；也可将 .db 文件拖到窗口上</translation>
    </message>
    <message>
        <source>Console</source>
        <extracomment>The console tab, added when an audit office&apos;s ledger is opened.</extracomment>
        <translation>审管办控制台</translation>
    </message>
    <message>
        <source>Package #%1 for %2 written to %3; our key fingerprint %4</source>
        <translation>已将发给%2的第%1号数据包写入%3；我方密钥指纹 %4</translation>
    </message>
    <message>
        <source>Apply package</source>
        <translation>导入数据包</translation>
    </message>
    <message>
        <source>Packages (*.db);;All files (*)</source>
        <translation>数据包 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>A package is already being applied</source>
        <translation>正在导入另一个数据包</translation>
    </message>
    <message>
        <source>The audit office&apos;s first package</source>
        <translation>审管办发来的第一个数据包</translation>
    </message>
    <message>
        <source>Save the department&apos;s ledger as</source>
        <translation>部门台账另存为</translation>
    </message>
    <message>
        <source>Ledger databases (*.db);;All files (*)</source>
        <translation>台账数据库 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 already exists: choose a new file name for the department&apos;s ledger.</source>
        <translation>%1 已存在：请为部门台账另选一个新文件名。</translation>
    </message>
    <message>
        <source>Department ledger created from package #%1 of %2: %3 cases</source>
        <translation>已根据%2的第%1号数据包新建部门台账：%3件案件</translation>
    </message>
    <message>
        <source>Package #%1 from %2 applied: %3 new, %4 updated, %5 conflicts</source>
        <translation>已导入来自%2的第%1号数据包：新增%3件，更新%4件，冲突%5处</translation>
    </message>
    <message>
        <source>Package not applied; nothing was changed</source>
        <translation>数据包未导入，台账未作任何更改</translation>
    </message>
</context>
<context>
    <name>WindowWorkbooks</name>
    <message>
        <source>Export department workbooks…</source>
        <translation>导出部门台账工作簿…</translation>
    </message>
    <message>
        <source>Import department workbook…</source>
        <translation>导入部门台账工作簿…</translation>
    </message>
    <message>
        <source>One protected, validated workbook per department, for clerks without the app</source>
        <translation>为每个部门生成一个受保护、带数据验证的工作簿，供未安装本程序的书记员填写</translation>
    </message>
    <message>
        <source>Take a returned department workbook back, with a preview before anything is written</source>
        <translation>导入部门报回的台账工作簿，写入前先预览</translation>
    </message>
    <message>
        <source>Open a ledger first</source>
        <extracomment>The dialog last opened (kept so it is not garbage-collected while shown).</extracomment>
        <translation>请先打开台账</translation>
    </message>
    <message>
        <source>Import department workbook</source>
        <translation>导入部门台账工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx);;All files (*)</source>
        <translation>Excel 工作簿 (*.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Imported %1: %2 cases updated</source>
        <translation>已导入 %1：更新 %2 件案件</translation>
    </message>
</context>
<context>
    <name>WorkbookImportDialog</name>
    <message>
        <source>Import department workbook</source>
        <extracomment>The report once the import has been applied.</extracomment>
        <translation>导入部门台账工作簿</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Unchanged:</source>
        <extracomment>The count labels by name, for tests and screen readers.</extracomment>
        <translation>未改动：</translation>
    </message>
    <message>
        <source>Cases updated:</source>
        <translation>更新案件：</translation>
    </message>
    <message>
        <source>New cases proposed:</source>
        <translation>部门补报案件：</translation>
    </message>
    <message>
        <source>Flagged for the audit office:</source>
        <translation>待审管办核实：</translation>
    </message>
    <message>
        <source>Rejected:</source>
        <translation>拒绝：</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案号</translation>
    </message>
    <message>
        <source>Change or reason</source>
        <translation>变更或原因</translation>
    </message>
    <message>
        <source>Save error workbook…</source>
        <translation>保存问题清单…</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Checking the workbook…</source>
        <translation>正在检查工作簿…</translation>
    </message>
    <message>
        <source>File: %1 — department %2, export %3</source>
        <translation>文件：%1 —— 部门 %2，导出编号 %3</translation>
    </message>
    <message>
        <source>Nothing is written until you click Apply.</source>
        <translation>点击“应用”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>Nothing to apply: the ledger already holds every entry of this workbook that can be taken.</source>
        <translation>没有可应用的内容：本工作簿中可采用的填报内容台账中均已存在。</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>New case proposed</source>
        <translation>新增案件（待核实）</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>待审管办核实</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <source>Applied: %1 cases updated; backup %2</source>
        <translation>已应用：更新 %1 件案件；备份 %2</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Cancelled; the ledger is unchanged.</source>
        <translation>已取消；台账未作任何改动。</translation>
    </message>
    <message>
        <source>The workbook cannot be imported: %1</source>
        <translation>无法导入该工作簿：%1</translation>
    </message>
    <message>
        <source>Save error workbook</source>
        <translation>保存问题清单</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Error workbook saved: %1</source>
        <translation>问题清单已保存：%1</translation>
    </message>
</context>
</TS>
