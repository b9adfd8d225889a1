"""Invented names and stock phrases for the layout corpus (no real magazine, person or unit).

Places are made from two syllables, people from a surname and one or two given characters, so
the corpus never repeats the seeds' names and the readers cannot lean on them.
"""

from __future__ import annotations

import random

PLACE_FIRST = "华清东云松临南北西安永长宁平青新兴宝和泰"
PLACE_SECOND = "阳河川岭江山州源城宁安丰泉湖林水溪峰"
PINYIN = {
    "华": "HUA", "清": "QING", "东": "DONG", "云": "YUN", "松": "SONG", "临": "LIN",
    "南": "NAN", "北": "BEI", "西": "XI", "安": "AN", "永": "YONG", "长": "CHANG",
    "宁": "NING", "平": "PING", "青": "QING", "新": "XIN", "兴": "XING", "宝": "BAO",
    "和": "HE", "泰": "TAI", "阳": "YANG", "河": "HE", "川": "CHUAN", "岭": "LING",
    "江": "JIANG", "山": "SHAN", "州": "ZHOU", "源": "YUAN", "城": "CHENG", "丰": "FENG",
    "泉": "QUAN", "湖": "HU", "林": "LIN", "水": "SHUI", "溪": "XI", "峰": "FENG",
}  # fmt: skip
MAGAZINE_SUFFIX = {
    "党建": "DANGJIAN", "先锋": "XIANFENG", "支部生活": "ZHIBU SHENGHUO", "党员": "DANGYUAN",
    "组工通讯": "ZUGONG TONGXUN", "机关党建": "JIGUAN DANGJIAN", "党的生活": "DANG DE SHENGHUO",
    "共产党人": "GONGCHANDANGREN", "前进": "QIANJIN", "党风": "DANGFENG",
}  # fmt: skip
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡杜叶程苏"
    "魏吕丁任沈姚卢姜崔钟谭陆汪金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "明华伟芳丽强军磊洋勇艳杰娟涛超秀霞平刚桂英辉玲敏静婷宇浩鑫鹏晨博欣悦璐颖嘉思雨佳晓瑞凯"
    "帆航蕾倩琳雪梅兰春海峰斌亮建志忠德宏红旭东晶莉燕萍慧璇琪珊彤雯瑶怡"
)
SECTIONS = (
    "卷首语", "特别策划", "本期聚焦", "理论前沿", "学习园地", "基层党建", "组工视点", "党建研究",
    "经验交流", "工作研究", "一线风采", "先锋人物", "党风廉政", "警钟长鸣", "廉政文化", "党史天地",
    "红色记忆", "时事观察", "政策解读", "他山之石", "言论", "时评", "文化", "读书", "调查研究",
    "基层之声", "乡村振兴", "社区治理", "机关党建", "企业党建", "党务知识", "党员教育", "典型推介",
    "要闻", "高层声音", "权威发布", "学思践悟", "专题报道", "思想纵横", "实践探索", "人才工作",
    "廉洁从政", "法治天地", "强国之路", "榜样力量",
)  # fmt: skip
SECTION_ENGLISH = {
    "理论前沿": "THEORY", "基层党建": "GRASSROOTS", "本期聚焦": "FOCUS", "言论": "COMMENTARY",
    "文化": "CULTURE", "先锋人物": "PEOPLE", "特别策划": "SPECIAL REPORT", "党史天地": "HISTORY",
    "时事观察": "OBSERVATION", "读书": "READING", "工作研究": "RESEARCH", "卷首语": "PREFACE",
}  # fmt: skip
SUBSECTIONS = ("社区", "乡村", "机关", "企业", "学校", "园区", "一线", "调研")
UNIT_PATTERNS = (
    "{p}市委组织部", "{p}区委宣传部", "中共{p}市委党校课题组", "{p}县纪委监委", "{p}市直机关工委",
    "{p}市委政策研究室", "{p}区委组织部", "{p}市人大常委会机关党委", "{p}海关机关党委",
    "{p}市税务局党委", "{p}街道党工委", "{p}镇党委",
)  # fmt: skip
SCHOOLS = ("{p}大学马克思主义学院", "{p}师范学院", "{p}市委党校", "{p}行政学院", "{p}社会科学院")
ROLES = ("本刊记者", "本刊通讯员", "特约撰稿人", "记者", "通讯员")
HOUSE_BYLINES = ("本刊评论员", "特约评论员", "本刊编辑部")
SLOGANS = (
    "凝心聚力 服务基层", "传播党的声音 服务党员群众", "围绕中心 服务大局", "铸魂育人 立德树人",
    "学习 交流 指导 服务", "党员的良师益友 党建的交流平台",
)  # fmt: skip
QR_CAPTIONS = ("扫码收听有声文章", "扫码观看视频", "扫描二维码阅读全文", "长按识别二维码关注我们")
PROMOS = ("{m}公众号", "{m}客户端", "抖音搜索{m}", "{m}视频号", "微信搜索“{m}”关注我们")
CAPTION_LEADS = ("图为", "▲ ", "↑", "▲")
CAPTION_TEXTS = (
    "党员志愿者走进社区开展便民服务", "{p}村党支部书记在田间查看作物长势",
    "社区网格员入户走访困难群众",
    "{p}区组织党员干部参观红色教育基地", "工作人员在政务服务大厅为群众办理业务",
    "{p}街道党工委召开党建联席会议", "青年志愿者为老人测量血压", "党员先锋岗的同志们在岗位上",
)  # fmt: skip
SOURCE_NOTE_STYLES = (
    "（来源：{s}）",
    "来源：{s}",
    "（摘编自{s}）",
    "本文来源：{s}",
    "原文刊于{s}",
    "（本文来源于{s}）",
)
SOURCES = ("《{p}日报》", "《{p}晚报》", "{p}新闻网", "《学习时报》", "共产党员网", "《{p}党建》")
AUTHOR_NOTE_STYLES = (
    "（作者系{u}{role}）",
    "作者单位：{u}",
    "（作者单位：{u}）",
    "作者简介：{n}，{u}{role}。",
)
AUTHOR_ROLES = ("副教授", "研究员", "讲师", "副主任", "干部", "负责人")
END_MARKS = ("□", "■", "✎", "◆", "（完）")
KICKERS = ("编者按", "开栏语")
PREAMBLES = (
    "（{y}年{m}月{d}日{p}市委常委会会议审议通过 {y}年{m}月{e}日中共{p}市委发布）",
    "（{y}年{m}月{d}日{p}市第十六届人民代表大会常务委员会第九次会议通过）",
)
CLC = ("D630", "D261", "D267", "D262.3", "D035")
KEYWORDS = (
    "基层治理",
    "党建引领",
    "乡村振兴",
    "高质量发展",
    "组织力",
    "作风建设",
    "数字化",
    "人才",
)
DISCLAIMER = (
    "声明：本刊刊发的文字、图片均向作者支付稿酬，如因作者信息不详无法联系的，"
    "敬请作者与本刊联系领取稿酬。投稿作品如无特别说明，视为同意本刊在全媒体平台传播。"
)
DISTRICTS = ("人民路", "解放路", "建设大街", "和平路", "新华路", "文化路", "中山路")
JUNK = "丨丬亅乚乛亠冂冖冫凵刂勹匚卩厶廴彐彳忄扌犭纟阝"  # show-through: radicals read as text


def place(rng: random.Random) -> str:
    return rng.choice(PLACE_FIRST) + rng.choice(PLACE_SECOND)


def person(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def people(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        name = person(rng)
        if name not in names:
            names.append(name)
    return names


def unit(rng: random.Random) -> str:
    return rng.choice(UNIT_PATTERNS).format(p=place(rng))


def pinyin(text: str) -> str:
    return "".join(PINYIN.get(ch, "") for ch in text)
