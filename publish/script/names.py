"""Personal names whose surname OpenCC would change (于 → 於, 范 → 範, 党 → 黨 …).

A name is found three ways, and keeps its surname's own form (data/script_surnames.txt):

- in the fields that hold people (bylines, contents authors, the masthead): every token that
  looks like a name; these are known names for the whole issue;
- in running text, by context: a title or role before it (记者于洋), a title, role or verb of
  saying after it (于方舟烈士, 范伟说), or a list of names separated by `、`;
- with the segmenter: a candidate must not be a common word of jieba's dictionary (于是, 余下,
  范围 are words; 于洋 is not), unless that dictionary tags it as a person's name
  (data/script_surname_words.txt: the dictionary's words that begin with such a surname, with
  their counts and tags). jieba's name tags alone are no evidence: for these surnames most are
  phrases (于今, 于亚太 are tagged nr), so they count only in a context that names a person.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Final

import regex

from publish.model import Issue
from publish.script.engine import opencc, segmenter
from publish.script.tables import surname_forms, surname_words
from publish.script.words import by_characters, cut
from publish.text.names import is_person_name, surnames


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Not roles that are also verbs (编辑范本 is "edit the template", 代表 "represent").
TITLES_BEFORE: Final = _words(
    "教师 老师 记者 通讯员 书记 主任 同志 委员 主席 局长 部长 校长 院长 经理 烈士 队员 党员 "
    "馆员 先生 女士 教授 研究员 作者 讲师 村民 居民 市民 博士 医生 医师 律师 工程师 市长 县长 "
    "区长 镇长 乡长 村长 厂长 所长 处长 科长 社长 董事长 总经理 主编 教练 会长 队长 组长 "
    "专家 学者 作家 画家 诗人 演员 选手 运动员 志愿者 民警 警官 法官 检察官"
)
TITLES_AFTER: Final = _words(
    "烈士 同志 先生 女士 老师 书记 主任 故居 纪念馆 等人 教授 院士 主席 局长 部长 校长 院长 "
    "委员 代表 一行 夫妇 母亲 父亲 一家 博士 医生 医师 律师 工程师 研究员 市长 县长 区长 "
    "镇长 乡长 村长 厂长 所长 处长 科长 社长 董事长 总经理 经理 主编 总监 教练 会长 秘书长 "
    "站长 馆长 行长 队长 组长 班长 师傅 大夫"
)
SAYING: Final = _words("说 表示 指出 强调 介绍 认为 告诉 回忆 说道 提出 谈到 坦言")
# A bare surname before a form of address (余先生说, 范老师讲). Not 于: a clause-initial 于 is
# as often the preposition (于先生犹见典型), so it converts and the post-check flags it.
_ADDRESS: Final = _words("先生 女士 老师 同志 书记 主任 教授")
_FUNCTION_CHARACTERS: Final = frozenset("的了是在有也就都和与及将把被对为向从到又还")
_BYLINE_AFTER: Final = _words("报道 摄 撰文 整理 供稿")  # 记者余家明报道, 通讯员于洋摄
_LIST: Final = regex.compile(r"(?<![\p{Han}])((?:\p{Han}{2,3}、)+\p{Han}{2,3})(?![\p{Han}])")
_TOKEN_SPLIT: Final = regex.compile(r"[\s/／、，,]+")
_COMMON_WORD: Final = 100  # jieba's count from which a dictionary word is taken as a word


@cache
def protected_surnames() -> frozenset[str]:
    """Single-character surnames OpenCC writes otherwise than the surname: 于 余 范 岳 …"""
    forms = surname_forms().items()
    return frozenset(s for s, t in forms if len(s) == 1 and opencc("s2t", s) != t)


def _name_like(word: str) -> bool:
    """A 2–3 character name with a protected surname, not a common word of the dictionary
    (于是, 余下, 范围); rare two-character entries (于洋, 46 in jieba's counts) may be names,
    three-character ones (党总支) are words."""
    if not (2 <= len(word) <= 3 and word[0] in protected_surnames() and is_person_name(word)):
        return False
    count, tag = surname_words().get(word, (0, ""))
    return (count < _COMMON_WORD if len(word) == 2 else not count) or tag == "nr"


def names_to_protect(issue: Issue) -> set[str]:
    """The issue's names whose surname OpenCC would change (于菲菲, 于方舟), known issue-wide."""
    names: set[str] = set()
    for text in _person_fields(issue):
        for token in _TOKEN_SPLIT.split(text):
            if token and is_person_name(token) and _worth_keeping(token):
                names.add(token)
    for text in _all_text(issue):
        names |= names_in_text(text)
    return names


def _worth_keeping(name: str) -> bool:
    """A name of the person fields to spell as a name: its surname is one OpenCC changes, or
    an OpenCC phrase would change its given name (曲东升: 东升 → 東昇, sunrise; the name is
    東升), and it is not a common word of the dictionary (周刊 is no name)."""
    if name[0] in protected_surnames():
        return True
    if opencc("s2t", name) == by_characters(name):
        return False
    return not segmenter().has_word(name) or segmenter().tag(name) == [(name, "nr")]


def names_in_text(text: str) -> set[str]:
    """Names that context marks as a person: 于方舟烈士, 记者于洋, 范伟、王强.

    "对于王老师" is the preposition before 王老师: jieba keeps 对于 a word, and a candidate
    whose given name is itself a title is no name.
    """
    if not any(ch in protected_surnames() for ch in text):
        return set()
    words = cut(text)
    found = _names_in_lists(text)
    found.update(name for i in range(len(words)) if (name := _name_at(words, i)))
    return found


def _word(words: list[str], i: int) -> str:
    return words[i] if 0 <= i < len(words) else ""


def _name_at(words: list[str], i: int) -> str | None:
    """The name word `i` starts, when its context marks a person (a title, a word of saying)."""
    word = words[i]
    if not word or word[0] not in protected_surnames():
        return None
    before = _word(words, i - 1)
    if len(word) == 1:
        after = _word(words, i + 1)
        if word != "于" and after in _ADDRESS and not regex.match(r"\p{Han}", before[-1:]):
            return word  # 余先生说: the surname alone
        if after in TITLES_AFTER or after in TITLES_BEFORE or after in SAYING:
            return None  # 于先生: the given name would be a title
        word, i = word + after, i + 1  # jieba split the name: 于 | 方舟
    after = _word(words, i + 1)
    in_context = before in TITLES_BEFORE or after in TITLES_AFTER or after in SAYING
    if in_context and _name_like(word) and not _given_is_surname(word):
        return word
    return _three_characters(words, i) if before in TITLES_BEFORE else None


def _three_characters(words: list[str], i: int) -> str | None:
    """记者余家明报道: jieba cut a common word (余家) off a three-character name; after a title,
    the word and a one-character word after it are the name when the name then ends (a word of
    saying or of a byline, punctuation or the end)."""
    if len(words[i]) != 2 or i + 1 >= len(words) or len(words[i + 1]) != 1:
        return None
    if words[i + 1] in SAYING or words[i + 1] in _FUNCTION_CHARACTERS:
        return None  # 记者于是说, 余下的: the one-character word is a word of the sentence
    name = words[i] + words[i + 1]
    after = words[i + 2] if i + 2 < len(words) else ""
    ends = not regex.match(r"\p{Han}", after) or after in SAYING or after in _BYLINE_AFTER
    return name if ends and is_person_name(name) and _name_like(name) else None


def _given_is_surname(name: str) -> bool:
    """于王 in 对于王老师: a one-character given name that is itself a common surname."""
    single, _compound = surnames()
    return len(name) == 2 and name[1] in single


def _names_in_lists(text: str) -> set[str]:
    """范伟、王强、李明: a list of two or more items that all look like names."""
    found: set[str] = set()
    for m in _LIST.finditer(text):
        items = m.group(1).split("、")
        if all(is_person_name(item) for item in items):
            found |= {item for item in items if item[0] in protected_surnames()}
    return found


def _person_fields(issue: Issue) -> Iterable[str]:
    yield from (a.byline for a in issue.articles if a.byline)
    yield from (c.author for c in issue.contents if c.author)
    yield from (f.value for f in issue.meta.masthead)


def _all_text(issue: Issue) -> Iterable[str]:
    for article in issue.articles:
        yield from (article.title, *(b.text for b in article.blocks))
