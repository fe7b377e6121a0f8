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

from .synthetic_names import (
    EXCLUDED_NAMES,
    GIVEN_FIRST,
    GIVEN_ONE,
    GIVEN_SECOND,
    GIVEN_TWO,
    RARE_CHARS,
    SURNAMES,
)
from .synthetic_texts import (  # noqa: F401
    CLOSE_MANNERS_BY_TYPE,
    MEASURES,
    NOTES,
    REASON_AGE_FACTORS,
    REASON_ENDINGS,
    REASON_FAMILY,
    REASON_WEIGHTS,
    REASONS,
)

T = TypeVar("T")
TABLE_SIZE = 1024  # size of most lookup tables: indexes are 10-bit slices of random bits

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
