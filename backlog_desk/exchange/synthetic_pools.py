"""Word pools for the synthetic court (`synthetic.py`): names, parties, causes, reasons.

Kept apart from the generator so the generator stays readable: plain data (weights are
relative) and, at the end, the builders that turn it into fixed-size lookup tables. Person
and company names are invented (the real leaders named in seed 000 are excluded on purpose);
bank and insurer branch names follow the usual public pattern of such names in Changchun
judgments.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate
from typing import TypeVar

from backlog_desk.domain.ledger import REASON_BY_KEY

T = TypeVar("T")
TABLE_SIZE = 1024  # size of most lookup tables: indexes are 10-bit slices of random bits

# --- people -------------------------------------------------------------------------------

# (surname, weight): north-east China frequencies, roughly; compound surnames are rare.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 7.5),
    ("李", 7.5),
    ("张", 7.0),
    ("刘", 6.0),
    ("陈", 2.5),
    ("杨", 3.0),
    ("赵", 3.0),
    ("黄", 1.0),
    ("周", 1.5),
    ("吴", 1.5),
    ("徐", 1.5),
    ("孙", 2.5),
    ("胡", 0.9),
    ("朱", 1.0),
    ("高", 1.6),
    ("林", 0.6),
    ("何", 0.6),
    ("郭", 1.3),
    ("马", 1.4),
    ("罗", 0.5),
    ("梁", 0.7),
    ("宋", 0.9),
    ("郑", 0.7),
    ("谢", 0.5),
    ("韩", 1.0),
    ("唐", 0.5),
    ("冯", 0.6),
    ("于", 1.5),
    ("董", 0.8),
    ("肖", 0.4),
    ("程", 0.4),
    ("曹", 0.6),
    ("袁", 0.4),
    ("邓", 0.4),
    ("许", 0.5),
    ("傅", 0.3),
    ("沈", 0.3),
    ("曾", 0.2),
    ("彭", 0.3),
    ("吕", 0.5),
    ("苏", 0.4),
    ("卢", 0.4),
    ("蒋", 0.3),
    ("蔡", 0.3),
    ("贾", 0.5),
    ("丁", 0.4),
    ("魏", 0.5),
    ("薛", 0.3),
    ("叶", 0.2),
    ("阎", 0.3),
    ("余", 0.2),
    ("潘", 0.3),
    ("杜", 0.5),
    ("戴", 0.2),
    ("夏", 0.3),
    ("钟", 0.2),
    ("汪", 0.2),
    ("田", 0.5),
    ("任", 0.5),
    ("姜", 0.8),
    ("范", 0.4),
    ("方", 0.3),
    ("石", 0.4),
    ("姚", 0.3),
    ("谭", 0.2),
    ("邹", 0.3),
    ("熊", 0.2),
    ("金", 0.5),
    ("陆", 0.2),
    ("郝", 0.4),
    ("孔", 0.2),
    ("白", 0.4),
    ("崔", 0.6),
    ("康", 0.2),
    ("毛", 0.2),
    ("邱", 0.2),
    ("秦", 0.3),
    ("江", 0.2),
    ("史", 0.3),
    ("顾", 0.2),
    ("侯", 0.4),
    ("邵", 0.2),
    ("孟", 0.5),
    ("万", 0.2),
    ("段", 0.3),
    ("雷", 0.2),
    ("钱", 0.2),
    ("汤", 0.2),
    ("尹", 0.3),
    ("常", 0.3),
    ("武", 0.3),
    ("乔", 0.3),
    ("贺", 0.2),
    ("庞", 0.2),
    ("樊", 0.2),
    ("陶", 0.2),
    ("翟", 0.2),
    ("安", 0.2),
    ("严", 0.2),
    ("牛", 0.2),
    ("鲁", 0.2),
    ("葛", 0.2),
    ("毕", 0.2),
    ("丛", 0.2),
    ("焦", 0.2),
    ("邢", 0.2),
    ("路", 0.2),
    ("岳", 0.2),
    ("齐", 0.3),
    ("辛", 0.2),
    ("谷", 0.2),
    ("耿", 0.2),
    ("关", 0.3),
    ("纪", 0.2),
    ("佟", 0.2),
    ("隋", 0.1),
    ("宫", 0.1),
    ("单", 0.1),
    ("那", 0.05),
    ("欧阳", 0.05),
    ("司马", 0.02),
    ("上官", 0.02),
)

# Given names of one character (the two-character full names clerks pad as 张　三).
GIVEN_ONE: tuple[str, ...] = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "辉",
    "鹏",
    "华",
    "飞",
    "波",
    "斌",
    "宇",
    "浩",
    "凯",
    "健",
    "俊",
    "帆",
    "旭",
    "宁",
    "龙",
    "林",
    "阳",
    "峰",
    "红",
    "燕",
    "婷",
    "雪",
    "琳",
    "晶",
    "慧",
    "颖",
    "佳",
    "欣",
    "悦",
    "琪",
    "萍",
    "倩",
    "莉",
    "洁",
    "丹",
    "璐",
    "媛",
    "蕾",
    "岩",
    "东",
)
# Given names of two characters: common ones, then combinations below.
GIVEN_TWO: tuple[str, ...] = (
    "志强",
    "海燕",
    "秀英",
    "建国",
    "丽娜",
    "桂兰",
    "玉兰",
    "淑珍",
    "凤英",
    "国庆",
    "建华",
    "晓明",
    "晓东",
    "丽华",
    "春梅",
    "雪梅",
    "秀兰",
    "玉梅",
    "海波",
    "志刚",
    "文博",
    "子涵",
    "宇航",
    "浩然",
    "欣怡",
    "梓萱",
    "思远",
    "佳怡",
    "俊杰",
    "明轩",
    "一鸣",
    "天佑",
    "雨欣",
    "晓峰",
    "立新",
    "永刚",
    "德胜",
    "春雷",
    "红梅",
    "艳华",
    "淑华",
    "凤霞",
    "长海",
    "宝山",
    "铁柱",
    "金凤",
    "玉珍",
    "振华",
    "卫东",
    "红军",
    "丽君",
    "文静",
    "美玲",
    "晓丽",
    "海龙",
    "国华",
    "庆林",
    "忠诚",
    "秀云",
    "桂芝",
    "淑芬",
    "永生",
    "春生",
    "长林",
    "兆辉",
    "树森",
    "连生",
    "殿臣",
    "福林",
    "宏伟",
    "博文",
    "嘉怡",
    "晨曦",
    "梦瑶",
    "诗涵",
    "子轩",
    "皓轩",
)
GIVEN_FIRST: tuple[str, ...] = (
    "志",
    "海",
    "建",
    "晓",
    "丽",
    "国",
    "春",
    "永",
    "文",
    "玉",
    "秀",
    "红",
    "金",
    "立",
    "长",
    "宏",
    "佳",
    "子",
    "雨",
    "思",
    "俊",
    "明",
    "德",
    "淑",
    "凤",
    "振",
    "庆",
    "树",
    "兆",
    "家",
)
GIVEN_SECOND: tuple[str, ...] = (
    "伟",
    "军",
    "华",
    "明",
    "强",
    "平",
    "东",
    "峰",
    "林",
    "波",
    "杰",
    "辉",
    "刚",
    "涛",
    "成",
    "梅",
    "英",
    "兰",
    "芳",
    "娟",
    "霞",
    "燕",
    "红",
    "琴",
    "玲",
    "鹏",
    "宇",
    "轩",
    "涵",
    "博",
)
# Characters outside GB2312 or rare in fonts (堃 彧 喆 …): the app must render and sort them.
RARE_CHARS: tuple[str, ...] = ("鑫", "彧", "堃", "喆", "淼", "赟", "犇", "昇")

# Real people named in the seed plan: never reuse them for synthetic judges or leaders.
EXCLUDED_NAMES: frozenset[str] = frozenset({"苏洪涛", "才巨伟", "王晓明", "朱俊岭"})

# --- organisations -------------------------------------------------------------------------

COMPANY_REGIONS: tuple[str, ...] = ("长春", "长春市", "吉林省", "吉林", "长春市二道区")
COMPANY_CORES: tuple[str, ...] = (
    "鑫达",
    "华远",
    "恒通",
    "盛世",
    "天成",
    "金源",
    "宏发",
    "东方",
    "中联",
    "永信",
    "泰和",
    "瑞丰",
    "嘉禾",
    "兴隆",
    "鼎盛",
    "博远",
    "诚信",
    "德润",
    "汇通",
    "佳和",
    "众诚",
    "广源",
    "新航",
    "锦程",
    "昊天",
    "聚鑫",
    "弘泰",
    "润泽",
    "通达",
    "恒信",
    "鸿运",
    "宏图",
    "华腾",
    "凯旋",
    "金鼎",
    "盛达",
    "北辰",
    "长兴",
    "松江",
    "东盛",
)
COMPANY_TRADES: tuple[str, ...] = (
    "房地产开发",
    "建筑工程",
    "商贸",
    "汽车销售服务",
    "科技",
    "建材",
    "物流",
    "餐饮管理",
    "装饰工程",
    "农业发展",
    "医药",
    "投资咨询",
    "劳务派遣",
    "机械设备",
    "商业管理",
    "电子商务",
)
COMPANY_FORMS: tuple[tuple[str, float], ...] = (
    ("有限公司", 70),
    ("有限责任公司", 20),
    ("股份有限公司", 5),
    ("集团有限公司", 5),
)
BANKS: tuple[str, ...] = (
    "中国工商银行股份有限公司长春分行",
    "中国建设银行股份有限公司长春二道支行",
    "中国农业银行股份有限公司长春分行",
    "中国银行股份有限公司吉林省分行",
    "交通银行股份有限公司吉林省分行",
    "吉林银行股份有限公司长春东盛支行",
    "招商银行股份有限公司长春分行",
    "长春农村商业银行股份有限公司",
    "中国邮政储蓄银行股份有限公司长春市分行",
    "平安银行股份有限公司长春分行",
    "兴业银行股份有限公司长春分行",
    "中信银行股份有限公司长春分行",
    "中国光大银行股份有限公司长春分行",
    "吉林九台农村商业银行股份有限公司长春分行",
)
INSURERS: tuple[str, ...] = (
    "中国人民财产保险股份有限公司长春市分公司",
    "中国平安财产保险股份有限公司吉林分公司",
    "中华联合财产保险股份有限公司长春中心支公司",
    "中国太平洋财产保险股份有限公司吉林分公司",
    "阳光财产保险股份有限公司吉林省分公司",
)
AGENCIES: dict[str, tuple[str, ...]] = {
    "gov": ("长春市二道区人民政府", "长春市二道区东盛街道办事处", "长春市二道区荣光街道办事处"),
    "police": ("长春市公安局二道分局",),
    "labour": ("长春市二道区人力资源和社会保障局",),
    "market": ("长春市二道区市场监督管理局", "长春市二道区城市管理行政执法局"),
    "housing": ("长春市二道区住房和城乡建设局", "长春市规划和自然资源局二道分局"),
}

# --- departments, case types and causes ------------------------------------------------------

# Party kinds per cause: (plaintiff/applicant pool, defendant/respondent pool). Pool keys are
# built in synthetic.py: person, persons (defendant, sometimes "等"), company, mixed, bank,
# property, heating, lender, guarantor, lessor, insurer, traffic, anon, ag_<agency group>.
CAUSE_PARTIES: dict[str, tuple[str, str]] = {
    "买卖合同纠纷": ("mixed", "mixed"),
    "房屋租赁合同纠纷": ("mixed", "persons"),
    "建设工程施工合同纠纷": ("company", "company"),
    "承揽合同纠纷": ("mixed", "mixed"),
    "服务合同纠纷": ("company", "persons"),
    "商品房预售合同纠纷": ("person", "company"),
    "物业服务合同纠纷": ("property", "persons"),
    "供用热力合同纠纷": ("heating", "persons"),
    "金融借款合同纠纷": ("bank", "persons"),
    "信用卡纠纷": ("bank", "persons"),
    "融资租赁合同纠纷": ("lessor", "persons"),
    "追偿权纠纷": ("guarantor", "persons"),
    "保证保险合同纠纷": ("insurer", "persons"),
    "小额借款合同纠纷": ("lender", "persons"),
    "机动车交通事故责任纠纷": ("person", "traffic"),
    "股权转让纠纷": ("mixed", "mixed"),
    "公司解散纠纷": ("person", "company"),
    "股东知情权纠纷": ("person", "company"),
    "票据追索权纠纷": ("company", "company"),
    "保证合同纠纷": ("mixed", "persons"),
    "劳动争议": ("person", "company"),
    "追索劳动报酬纠纷": ("person", "company"),
    "提供劳务者受害责任纠纷": ("person", "mixed"),
    "房屋拆迁安置补偿合同纠纷": ("person", "company"),
    "案外人执行异议之诉": ("person", "mixed"),
    "申请诉前财产保全": ("mixed", "mixed"),
    "申请支付令": ("company", "persons"),
    "申请实现担保物权": ("bank", "persons"),
    "破产清算": ("company", "none"),
    "破产重整": ("company", "none"),
    "案外人执行异议": ("person", "mixed"),
    "执行行为异议": ("mixed", "mixed"),
    "行政处罚": ("person", "ag_police"),
    "工伤认定": ("mixed", "ag_labour"),
    "房屋征收补偿": ("person", "ag_gov"),
    "政府信息公开": ("person", "ag_gov"),
    "行政强制": ("mixed", "ag_market"),
    "不履行法定职责": ("person", "ag_housing"),
    "行政协议": ("person", "ag_gov"),
}
# Anything not listed above is person against person(s); crimes use the anonymised pool.

CIVIL_FAMILY: tuple[tuple[str, float], ...] = (
    ("离婚纠纷", 22),
    ("机动车交通事故责任纠纷", 14),
    ("劳动争议", 10),
    ("追索劳动报酬纠纷", 6),
    ("生命权、身体权、健康权纠纷", 8),
    ("继承纠纷", 6),
    ("相邻关系纠纷", 4),
    ("排除妨害纠纷", 5),
    ("提供劳务者受害责任纠纷", 5),
    ("医疗损害责任纠纷", 4),
    ("民间借贷纠纷", 10),
)
CIVIL_CONTRACT: tuple[tuple[str, float], ...] = (
    ("民间借贷纠纷", 30),
    ("买卖合同纠纷", 16),
    ("房屋租赁合同纠纷", 8),
    ("承揽合同纠纷", 5),
    ("房屋买卖合同纠纷", 8),
    ("服务合同纠纷", 5),
    ("商品房预售合同纠纷", 5),
    ("物业服务合同纠纷", 10),
    ("供用热力合同纠纷", 8),
    ("不当得利纠纷", 5),
)
CIVIL_PROPERTY: tuple[tuple[str, float], ...] = (
    ("建设工程施工合同纠纷", 25),
    ("房屋拆迁安置补偿合同纠纷", 10),
    ("物权保护纠纷", 8),
    ("排除妨害纠纷", 8),
    ("案外人执行异议之诉", 12),
    ("房屋买卖合同纠纷", 15),
    ("商品房预售合同纠纷", 12),
    ("所有权确认纠纷", 10),
)
COMMERCIAL: tuple[tuple[str, float], ...] = (
    ("买卖合同纠纷", 30),
    ("股权转让纠纷", 10),
    ("公司解散纠纷", 4),
    ("股东知情权纠纷", 5),
    ("合伙合同纠纷", 8),
    ("保证合同纠纷", 10),
    ("追偿权纠纷", 8),
    ("票据追索权纠纷", 5),
    ("建设工程施工合同纠纷", 12),
    ("承揽合同纠纷", 8),
)
FINANCE: tuple[tuple[str, float], ...] = (
    ("金融借款合同纠纷", 45),
    ("信用卡纠纷", 25),
    ("融资租赁合同纠纷", 8),
    ("追偿权纠纷", 8),
    ("保证保险合同纠纷", 6),
    ("小额借款合同纠纷", 8),
)
FAMILY: tuple[tuple[str, float], ...] = (
    ("离婚纠纷", 45),
    ("抚养纠纷", 10),
    ("抚养费纠纷", 10),
    ("赡养纠纷", 8),
    ("继承纠纷", 10),
    ("同居关系纠纷", 5),
    ("探望权纠纷", 4),
    ("变更抚养关系纠纷", 5),
    ("离婚后财产纠纷", 8),
)
FAST_TRACK: tuple[tuple[str, float], ...] = (
    ("民间借贷纠纷", 25),
    ("物业服务合同纠纷", 20),
    ("供用热力合同纠纷", 15),
    ("信用卡纠纷", 15),
    ("买卖合同纠纷", 10),
    ("劳务合同纠纷", 8),
    ("服务合同纠纷", 7),
)
TOWNSHIP: tuple[tuple[str, float], ...] = (
    ("离婚纠纷", 20),
    ("民间借贷纠纷", 18),
    ("物业服务合同纠纷", 8),
    ("供用热力合同纠纷", 6),
    ("相邻关系纠纷", 6),
    ("土地承包经营权纠纷", 8),
    ("买卖合同纠纷", 10),
    ("赡养纠纷", 5),
    ("机动车交通事故责任纠纷", 10),
    ("农村土地承包合同纠纷", 5),
    ("劳务合同纠纷", 4),
)
CRIMES: tuple[tuple[str, float], ...] = (
    ("危险驾驶罪", 12),
    ("盗窃罪", 14),
    ("诈骗罪", 10),
    ("帮助信息网络犯罪活动罪", 9),
    ("故意伤害罪", 7),
    ("寻衅滋事罪", 5),
    ("开设赌场罪", 4),
    ("掩饰、隐瞒犯罪所得罪", 4),
    ("非法吸收公众存款罪", 4),
    ("集资诈骗罪", 1.5),
    ("交通肇事罪", 3),
    ("拒不执行判决、裁定罪", 2),
    ("合同诈骗罪", 2),
    ("职务侵占罪", 2),
    ("聚众斗殴罪", 1),
    ("非法拘禁罪", 1),
    ("敲诈勒索罪", 1.5),
    ("抢劫罪", 1),
    ("贩卖毒品罪", 3),
    ("妨害公务罪", 2),
    ("虚开增值税专用发票罪", 1),
)
JUVENILE_CRIMES: tuple[tuple[str, float], ...] = (
    ("盗窃罪", 40),
    ("抢劫罪", 15),
    ("寻衅滋事罪", 20),
    ("故意伤害罪", 15),
    ("聚众斗殴罪", 10),
)
ADMIN: tuple[tuple[str, float], ...] = (
    ("行政处罚", 25),
    ("工伤认定", 20),
    ("房屋征收补偿", 20),
    ("政府信息公开", 10),
    ("行政强制", 10),
    ("不履行法定职责", 10),
    ("行政协议", 5),
)
ENFORCED: tuple[tuple[str, float], ...] = (
    ("民间借贷纠纷", 26),
    ("买卖合同纠纷", 12),
    ("金融借款合同纠纷", 12),
    ("追索劳动报酬纠纷", 5),
    ("机动车交通事故责任纠纷", 7),
    ("物业服务合同纠纷", 5),
    ("建设工程施工合同纠纷", 6),
    ("离婚后财产纠纷", 4),
    ("信用卡纠纷", 8),
    ("房屋租赁合同纠纷", 5),
    ("劳动争议", 4),
    ("抚养费纠纷", 2),
    ("承揽合同纠纷", 4),
)
RETRIAL: tuple[tuple[str, float], ...] = (
    ("民间借贷纠纷", 40),
    ("买卖合同纠纷", 25),
    ("房屋买卖合同纠纷", 20),
    ("劳动争议", 15),
)
SPECIAL: tuple[tuple[str, float], ...] = (
    ("申请确认人民调解协议效力", 40),
    ("申请实现担保物权", 25),
    ("申请宣告公民失踪", 15),
    ("申请宣告公民死亡", 5),
    ("申请认定公民无民事行为能力", 10),
    ("申请认定财产无主", 5),
)
Causes = tuple[tuple[str, float], ...]
ENFORCEMENT_TYPES: tuple[tuple[str, float, Causes], ...] = (
    ("执", 8, ENFORCED),
    ("执恢", 2, ENFORCED),
    ("执保", 1, ENFORCED),
)
# (department, share of the backlog, vice-president group, ((type code, weight, causes), ...))
DEPARTMENT_SPECS: tuple[tuple[str, float, str, tuple[tuple[str, float, Causes], ...]], ...] = (
    (
        "立案庭",
        1.5,
        "commercial",
        (
            ("财保", 3, (("申请诉前财产保全", 1),)),
            ("民特", 4, SPECIAL),
            ("民督", 3, (("申请支付令", 1),)),
        ),
    ),
    ("民一庭", 9, "civil_a", (("民初", 1, CIVIL_FAMILY),)),
    ("民二庭", 8, "civil_b", (("民初", 1, CIVIL_CONTRACT),)),
    ("民三庭", 5, "civil_b", (("民初", 1, CIVIL_PROPERTY),)),
    (
        "商事审判庭",
        6,
        "commercial",
        (("民初", 30, COMMERCIAL), ("破", 1, (("破产清算", 3), ("破产重整", 1)))),
    ),
    ("金融审判庭", 6, "commercial", (("民初", 1, FINANCE),)),
    ("少年家事庭", 4, "civil_a", (("民初", 12, FAMILY), ("刑初", 1, JUVENILE_CRIMES))),
    (
        "速裁庭",
        4,
        "commercial",
        (("民初", 20, FAST_TRACK), ("民督", 1, (("申请支付令", 1),)), ("民特", 1, SPECIAL)),
    ),
    ("刑事审判庭", 3.5, "crim_admin", (("刑初", 1, CRIMES),)),
    ("行政审判庭", 1, "crim_admin", (("行初", 1, ADMIN),)),
    ("审判监督庭", 0.5, "crim_admin", (("民再", 1, RETRIAL),)),
    ("执行一庭", 18, "enforce", ENFORCEMENT_TYPES),
    ("执行二庭", 16, "enforce", ENFORCEMENT_TYPES),
    ("执行裁决庭", 2.5, "enforce", (("执异", 1, (("案外人执行异议", 2), ("执行行为异议", 1))),)),
    ("英俊人民法庭", 5, "civil_a", (("民初", 1, TOWNSHIP),)),
    ("泉眼人民法庭", 4, "civil_a", (("民初", 1, TOWNSHIP),)),
)
# Vice-president groups in the order VPs are handed out; with fewer VPs groups are merged.
VP_GROUPS: tuple[str, ...] = ("civil_a", "commercial", "enforce", "crim_admin", "civil_b")

# Causes used for a department this table does not know (a court edited by hand).
DEFAULT_CAUSES: dict[str, Causes] = {
    "民初": CIVIL_CONTRACT,
    "民再": RETRIAL,
    "民特": SPECIAL,
    "民督": (("申请支付令", 1),),
    "刑初": CRIMES,
    "行初": ADMIN,
    "执": ENFORCED,
    "执恢": ENFORCED,
    "执保": ENFORCED,
    "执异": (("案外人执行异议", 1),),
    "破": (("破产清算", 1),),
    "财保": (("申请诉前财产保全", 1),),
}

# Old backlog has more resumed enforcement and bankruptcy, fewer quick procedural cases:
# factors per filing-year class (last year, two years ago, three or more years ago).
TYPE_AGE_FACTORS: dict[str, tuple[float, float, float]] = {
    "执恢": (1.0, 1.6, 2.5),
    "破": (1.0, 2.0, 4.0),
    "民督": (1.0, 0.3, 0.1),
    "财保": (1.0, 0.3, 0.1),
    "执保": (1.0, 0.5, 0.3),
    "民特": (1.0, 0.6, 0.3),
    "刑初": (1.0, 0.8, 0.6),
    "民再": (1.0, 1.5, 2.0),
}

# Title shape per type code: (prefix, between parties, suffix after the cause).
TITLE_SHAPES: dict[str, tuple[str, str, str]] = {
    "民初": ("", "诉", ""),
    "民再": ("", "诉", "再审案"),
    "民特": ("申请人", "", "案"),
    "民督": ("申请人", "与被申请人", "案"),
    "财保": ("申请人", "与被申请人", "案"),
    "行初": ("", "诉", ""),
    "破": ("", "", "案"),
    "执": ("申请执行人", "与被执行人", "执行案"),
    "执恢": ("申请执行人", "与被执行人", "恢复执行案"),
    "执保": ("申请人", "与被申请人", "财产保全执行案"),
    "执异": ("异议人", "与", "案"),
}

# 民初 procedure weights (普通程序, 简易程序, 小额诉讼) by department kind.
PROCEDURE_WEIGHTS: dict[str, tuple[float, float, float]] = {
    "速裁庭": (5, 55, 40),
    "英俊人民法庭": (30, 55, 15),
    "泉眼人民法庭": (30, 55, 15),
    "商事审判庭": (55, 35, 10),
    "金融审判庭": (45, 35, 20),
    "少年家事庭": (45, 55, 0),
}
DEFAULT_PROCEDURE_WEIGHTS: tuple[float, float, float] = (55, 40, 5)

# --- campaign texts ---------------------------------------------------------------------------

# Reason family per type code.
REASON_FAMILY: dict[str, str] = {
    "民初": "civil",
    "民再": "civil",
    "民特": "civil",
    "民督": "civil",
    "财保": "civil",
    "刑初": "criminal",
    "行初": "admin",
    "执": "enforce",
    "执恢": "enforce",
    "执保": "enforce",
    "执异": "enforce",
    "破": "bankruptcy",
}
# Category weights per reason family (keys are ledger.REASON_CATEGORIES keys).
REASON_WEIGHTS: dict[str, dict[str, float]] = {
    "civil": {
        "appraisal": 20,
        "publication": 17,
        "suspension": 11,
        "complex": 13,
        "subjective": 12,
        "request": 5,
        "criminal": 4,
        "jurisdiction": 4,
        "bankruptcy": 2,
        "other": 12,
    },
    "criminal": {
        "appraisal": 12,
        "suspension": 14,
        "complex": 24,
        "subjective": 12,
        "request": 14,
        "jurisdiction": 3,
        "other": 19,
        "publication": 2,
    },
    "admin": {
        "complex": 25,
        "request": 20,
        "suspension": 15,
        "subjective": 10,
        "other": 25,
        "appraisal": 5,
    },
    "enforce": {
        "other": 30,
        "appraisal": 14,
        "suspension": 10,
        "publication": 7,
        "complex": 8,
        "subjective": 12,
        "criminal": 5,
        "bankruptcy": 7,
        "request": 3,
    },
    "bankruptcy": {"complex": 35, "other": 40, "appraisal": 15, "request": 5, "subjective": 5},
}
# Older cases are stuck more often for lawful or hard reasons: factors per age class.
REASON_AGE_FACTORS: dict[str, tuple[float, float, float]] = {
    "suspension": (1.0, 1.4, 2.0),
    "bankruptcy": (1.0, 1.5, 2.5),
    "criminal": (1.0, 1.4, 2.0),
    "complex": (1.0, 1.3, 1.6),
    "request": (1.0, 1.3, 1.6),
    "subjective": (1.0, 0.8, 0.6),
    "publication": (1.0, 0.9, 0.7),
}
REASONS: dict[str, dict[str, tuple[str, ...]]] = {
    "civil": {
        "appraisal": (
            "工程造价鉴定尚未完成，等待鉴定意见",
            "已委托司法鉴定，鉴定机构尚未出具意见",
            "当事人申请伤残等级鉴定，鉴定周期较长",
            "房屋质量鉴定正在进行，预计两个月内完成",
            "笔迹鉴定已送检，等待鉴定结论后开庭",
            "评估机构正在进行资产评估，需等待报告",
            "当事人对鉴定意见提出异议，需鉴定人出庭",
        ),
        "publication": (
            "因当事人下落不明需公告送达，预计下月结案",
            "被告下落不明，已公告送达起诉状副本",
            "判决书公告送达期间未届满",
            "公告期满后需再次开庭审理",
            "被告在国外，正在办理涉外送达手续",
            "被告拒不签收，正在公告送达开庭传票",
        ),
        "suspension": (
            "本案须以另案审理结果为依据，已中止审理",
            "一方当事人死亡，等待继承人表明是否参加诉讼",
            "当事人丧失诉讼行为能力，尚未确定法定代理人",
            "关联案件正在二审，本案中止审理",
        ),
        "complex": (
            "案情重大复杂，拟提交专业法官会议讨论",
            "涉及多方当事人及多笔债权，事实认定困难",
            "已提交审判委员会讨论，等待讨论结果",
            "法律适用存在争议，需进一步研究",
            "涉众案件，当事人人数众多，调解难度大",
        ),
        "subjective": (
            "承办人案件量大，尚未及时排期开庭",
            "承办人调整岗位，案件移交后尚未审结",
            "合议庭尚未评议，拟于近期审结",
            "文书尚在制作中，预计本月内结案",
            "法官助理空缺，送达工作滞后",
        ),
        "request": (
            "已向市中院请示，等待答复",
            "涉及法律适用问题，已逐级请示",
            "需与相关行政机关沟通协调，等待函复",
        ),
        "bankruptcy": ("被告已进入破产程序，依法中止审理", "被告公司破产重整中，等待重整计划执行"),
        "criminal": (
            "涉嫌刑事犯罪，已移送公安机关处理",
            "关联刑事案件尚未审结，需等待刑事判决",
            "当事人涉嫌诈骗被羁押，无法参加诉讼",
        ),
        "jurisdiction": (
            "被告提出管辖权异议，裁定已上诉",
            "管辖权异议上诉期间，卷宗尚在中院",
            "移送管辖存在争议，已报请上级法院指定管辖",
        ),
        "other": (
            "当事人正在协商和解，申请延期开庭",
            "因疫情原因未能开庭，已重新排期",
            "等待调取相关证据材料",
            "双方正在进行庭外调解，暂缓判决",
            "当事人申请调取银行流水，尚未反馈",
        ),
    },
    "criminal": {
        "appraisal": (
            "被告人精神病鉴定尚未完成",
            "涉案财物价格认定尚未出具结论",
            "被害人伤情重新鉴定中",
        ),
        "publication": ("附带民事诉讼被告下落不明，需公告送达",),
        "suspension": (
            "被告人患严重疾病，已中止审理",
            "被告人脱逃，中止审理",
            "检察院建议延期审理，补充侦查中",
        ),
        "complex": (
            "涉众案件被害人人数众多，需逐一核实损失",
            "共同犯罪人在逃，需并案审理",
            "案情复杂，已提交审判委员会讨论",
            "证据存在矛盾，需补强证据",
        ),
        "subjective": ("合议庭尚未评议，拟于近期宣判", "判决书尚在制作中，预计月底宣判"),
        "request": ("法定刑以下判处刑罚，已层报最高法院核准", "已向市中院请示法律适用问题"),
        "jurisdiction": ("被告人提出管辖异议，已报请指定管辖",),
        "other": ("等待退赔退赃情况，择期宣判", "附带民事部分正在调解", "等待检察院补充起诉"),
    },
    "admin": {
        "appraisal": ("房屋征收评估结果存在争议，需重新评估",),
        "suspension": ("行政机关正在重新作出行政行为，中止审理", "须以相关民事案件结果为依据"),
        "complex": ("涉及群体性诉讼，需统一裁判尺度", "涉及征收补偿标准争议，案情复杂"),
        "subjective": ("合议庭尚未评议，拟于近期审结",),
        "request": ("已向市中院请示法律适用问题", "正在与行政机关沟通协调化解"),
        "other": ("等待行政机关提交证据材料", "当事人正在与行政机关协商和解"),
    },
    "enforce": {
        "appraisal": (
            "查封房产已委托评估，等待评估报告",
            "评估拍卖程序进行中，二拍流拍后拟以物抵债",
            "车辆已扣押，正在委托评估",
        ),
        "publication": ("被执行人下落不明，已公告并悬赏执行", "执行裁定书正在公告送达"),
        "suspension": (
            "案外人提出执行异议，执行中止",
            "申请执行人同意暂缓执行",
            "被执行人申请再审，中院裁定中止执行",
        ),
        "complex": (
            "涉及多个查封债权人，分配方案争议大",
            "轮候查封，首封法院尚未处置",
            "涉案房产涉及居住权保护，处置难度大",
        ),
        "subjective": ("执行干警人手不足，财产调查未完成", "承办人调整，案件移交后尚未推进"),
        "request": ("协助执行单位不配合，已请示上级法院协调",),
        "bankruptcy": ("被执行人企业符合执转破条件，已移送破产审查", "被执行人已被裁定受理破产"),
        "criminal": ("被执行人涉嫌拒执罪，已移送公安机关", "涉案财产被刑事查封，等待刑事处理"),
        "other": (
            "被执行人暂无可供执行财产，正在网络查控",
            "查封房产正在处置，等待拍卖",
            "双方正在协商执行和解方案",
            "被执行人分期履行中，尚未全部履行",
        ),
    },
    "bankruptcy": {
        "appraisal": ("破产财产评估尚未完成",),
        "complex": ("债权人众多，债权审查工作量大", "涉及职工安置问题，需政府协调"),
        "request": ("重整计划草案需报请上级法院指导",),
        "subjective": ("管理人工作进展缓慢，已督促",),
        "other": ("管理人正在清理债权债务", "资产处置尚未完成", "第二次债权人会议尚未召开"),
    },
}

# Endings a department appends to a reason (the reason then reads like the seeds' ledgers).
REASON_ENDINGS: tuple[str, ...] = (
    "，预计下月结案",
    "，力争6月底前结案",
    "，已督促承办人加快进度",
    "，正在积极推进",
    "，力争9月15日前结案",
)

MEASURES: dict[str, tuple[str, ...]] = {
    "trial": (
        "承办人限期审结",
        "院庭长督办，每周调度进度",
        "提交专业法官会议研究",
        "提交审判委员会讨论",
        "加大调解力度",
        "督促鉴定机构尽快出具意见",
        "加快公告送达",
        "与市中院沟通请示",
        "集中排期开庭",
        "约谈当事人促成和解",
        "调整承办人，集中攻坚",
    ),
    "enforce": (
        "加大财产查控力度",
        "列入失信被执行人名单",
        "限制高消费",
        "开展集中执行行动",
        "启动评估拍卖程序",
        "司法拘留被执行人",
        "移送公安机关追究拒执罪",
        "促成执行和解",
        "悬赏执行",
        "执转破审查",
    ),
}
NOTES: tuple[str, ...] = (
    "当事人多次信访",
    "重点督办案件",
    "涉农民工工资",
    "涉及交通事故损害赔偿",
    "涉众案件",
    "已报市中院备案",
    "与审管办核对无误",
    "申请执行人生活困难",
    "涉党政机关案件",
)

# Close manners (ledger.CLOSE_MANNERS) per type code with weights.
CLOSE_MANNERS_BY_TYPE: dict[str, tuple[tuple[str, float], ...]] = {
    "民初": (("判决", 40), ("调解", 25), ("撤诉", 25), ("驳回", 4), ("裁定", 3), ("移送", 3)),
    "民再": (("判决", 70), ("调解", 15), ("撤诉", 10), ("裁定", 5)),
    "民特": (("裁定", 60), ("驳回", 15), ("撤诉", 15), ("其他", 10)),
    "民督": (("裁定", 50), ("其他", 30), ("撤诉", 20)),
    "财保": (("裁定", 90), ("撤诉", 10)),
    "刑初": (("判决", 90), ("撤诉", 4), ("裁定", 4), ("其他", 2)),
    "行初": (("判决", 50), ("撤诉", 30), ("驳回", 15), ("裁定", 5)),
    "执": (("终结本次执行", 48), ("执行完毕", 27), ("和解", 12), ("裁定", 5), ("其他", 8)),
    "执恢": (("终结本次执行", 45), ("执行完毕", 30), ("和解", 15), ("其他", 10)),
    "执保": (("执行完毕", 80), ("其他", 20)),
    "执异": (("裁定", 70), ("驳回", 20), ("撤诉", 10)),
    "破": (("裁定", 70), ("其他", 30)),
}


# --- builders ---------------------------------------------------------------------------------


def table(items: Sequence[T], weights: Sequence[float], size: int = TABLE_SIZE) -> list[T]:
    """A lookup table: ``table[i]`` for a uniform ``i`` in ``range(size)`` draws ``items``
    by ``weights``.

    Deterministic quantisation (entry i takes the item covering the i-th cell's midpoint), so
    building a table consumes no randomness; an item under 1/size of the mass may vanish.
    """
    cum = list(accumulate(weights))
    total = cum[-1] if cum else 0.0
    if total <= 0:
        raise ValueError("weights must not all be zero")
    out: list[T] = []
    for item, upto in zip(items, cum, strict=True):
        out.extend([item] * (min(size, int(upto * size / total + 0.5)) - len(out)))
    return out


class Names:
    """Chinese personal names: ~25 % two-character, a few with rare characters."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._surnames = table([s for s, _ in SURNAMES], [w for _, w in SURNAMES])
        self._used: set[str] = set(EXCLUDED_NAMES)

    def draw(self, rare: bool = False) -> str:
        rng = self._rng
        surname = self._surnames[int(rng.random() * TABLE_SIZE)]
        r = rng.random()
        if rare:
            given = rng.choice(RARE_CHARS)
            if r < 0.6:
                given = rng.choice(GIVEN_FIRST) + given
        elif r < 0.25:
            given = rng.choice(GIVEN_ONE)
        elif r < 0.6:
            given = rng.choice(GIVEN_TWO)
        else:
            given = rng.choice(GIVEN_FIRST) + rng.choice(GIVEN_SECOND)
        return surname + given

    def unique(self, rare: bool = False) -> str:
        while True:
            name = self.draw(rare)
            if name not in self._used:
                self._used.add(name)
                return name


def party_pools(rng: random.Random) -> dict[str, list[str]]:
    """Pools of ``TABLE_SIZE`` party names per kind (see CAUSE_PARTIES), drawn by index."""
    names = Names(rng)
    ch = rng.choice

    def firms(kind: str) -> list[str]:
        return [ch(COMPANY_REGIONS) + ch(COMPANY_CORES) + kind for _ in range(TABLE_SIZE)]

    forms = table([f for f, _ in COMPANY_FORMS], [w for _, w in COMPANY_FORMS])
    company = [
        ch(COMPANY_REGIONS)
        + ch(COMPANY_CORES)
        + ch(COMPANY_TRADES)
        + forms[int(rng.random() * TABLE_SIZE)]
        for _ in range(TABLE_SIZE)
    ]
    person = [names.draw() for _ in range(TABLE_SIZE)]
    anon = [names.draw()[0] + ("某某" if rng.random() < 0.6 else "某") for _ in range(TABLE_SIZE)]
    result = {
        "person": person,
        "persons": [p + "等" if rng.random() < 0.12 else p for p in person],
        "company": company,
        "mixed": [company[i] if i % 2 else person[i] for i in range(TABLE_SIZE)],
        "bank": [BANKS[i % len(BANKS)] for i in range(TABLE_SIZE)],
        "insurer": [INSURERS[i % len(INSURERS)] for i in range(TABLE_SIZE)],
        "property": firms("物业服务有限公司"),
        "heating": firms("热力有限公司"),
        "lender": firms("小额贷款有限公司"),
        "guarantor": firms("融资担保有限公司"),
        "lessor": firms("融资租赁有限公司"),
        "traffic": [p + "、" + ch(INSURERS) if rng.random() < 0.5 else p for p in person],
        "anon": anon,
        "accomplices": ["等" if rng.random() < 0.1 else "" for _ in range(TABLE_SIZE)],
        "none": [""] * TABLE_SIZE,
    }
    for group, agencies in AGENCIES.items():
        result["ag_" + group] = [agencies[i % len(agencies)] for i in range(TABLE_SIZE)]
    return result


def reason_table(family: str, cls: int) -> list[tuple[str, str, int]]:
    """(category key, reason text, 1 if lawful) entries for a reason family and age class."""
    items: list[tuple[str, str, int]] = []
    weights: list[float] = []
    for key, weight in REASON_WEIGHTS[family].items():
        texts = REASONS[family][key]
        factor = REASON_AGE_FACTORS.get(key, (1.0, 1.0, 1.0))[cls]
        lawful = int(REASON_BY_KEY[key].lawful)
        for text in texts:
            # About half the departments add how they expect to proceed.
            endings = ("",) if "预计" in text else ("", *REASON_ENDINGS)
            for ending in endings:
                items.append((key, text + ending, lawful))
                share = (
                    1.0
                    if len(endings) == 1
                    else (0.45 if not ending else 0.55 / (len(endings) - 1))
                )
                weights.append(weight * factor / len(texts) * share)
    items.append(("", "", 0))  # left blank by the department, ~5 %
    weights.append(sum(weights) * 0.05 / 0.95)
    return table(items, weights)


def procedure_table(department: str, cls: int) -> list[str]:
    """民初 procedures for a department and age class."""
    base = PROCEDURE_WEIGHTS.get(department, DEFAULT_PROCEDURE_WEIGHTS)
    # Old backlog was mostly converted to ordinary procedure (simple procedure lasts 3 months).
    factor = ((1, 1, 1), (2, 1, 0.6), (5, 1, 0.2))[cls]
    weights = [b * f for b, f in zip(base, factor, strict=True)]
    return table(["普通程序", "简易程序", "小额诉讼"], weights)


def text_table(texts: Sequence[str], blank_share: float) -> list[str]:
    """``texts`` drawn uniformly, "" with probability ``blank_share``."""
    items = ["", *texts]
    return table(items, [blank_share * len(texts) / (1 - blank_share), *([1.0] * len(texts))])
