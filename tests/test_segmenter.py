"""budgetlint.nlp.text.segmenter: the one segmenter, the lazily built spaCy pipeline and its sentence component."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from paths import REAL, SEEDS

from budgetlint.nlp.text import segmenter as pipeline
from budgetlint.nlp.text.sentences import split_sentences

SEED_002 = SEEDS / "002_1bb4150f5aadcbd1.txt"
REPO = Path(__file__).resolve().parents[1]


def doc_sentences(doc) -> list[str]:
    """Sentence texts of a Doc without the whitespace tokens that trail them."""
    return [t for t in (s.text.strip() for s in doc.sents) if t]


def split_texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_get_nlp_is_cached():
    assert pipeline.get_nlp() is pipeline.get_nlp()


def test_component_is_first():
    nlp = pipeline.get_nlp()
    assert nlp.pipe_names[0] == pipeline.COMPONENT


def test_seed_paragraph_sentences_match_split_sentences():
    if not SEED_002.exists():
        pytest.skip(f"{SEED_002} not available")
    lines = SEED_002.read_text(encoding="utf-8").splitlines()
    if len(lines) < 38 or not lines[37].strip():
        pytest.skip("seed 002 line 38 is not a paragraph")
    text = lines[37]
    doc = pipeline.get_nlp()(text)
    expected = split_texts(text)
    assert len(expected) > 3
    assert doc_sentences(doc) == expected


@pytest.mark.parametrize(
    "text",
    [
        "人员增加。\n\u3000\u3000（一）收入决算说明",
        "人员增加。 \n \n（一）收入  决算\n说明",
        "第一行没有句号\n　第二行也没有\n",
        "\u3000\u3000开头有空白。结尾也有\u3000\n",
    ],
)
def test_newlines_merged_into_whitespace_tokens(text):
    doc = pipeline.get_nlp()(text)
    assert any(t.is_space and "\n" in t.text for t in doc)  # the case under test
    assert doc_sentences(doc) == split_texts(text)


def test_sentence_starts_are_definite():
    doc = pipeline.get_nlp()("主要原因：人员增加。（一）收入决算说明")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:2] == [doc[0].text, "（"]
    assert all(t.is_sent_start in (True, False) for t in doc)  # never None (unknown)
    assert [s.text for s in doc.sents] == ["主要原因：人员增加。", "（一）收入决算说明"]


def test_token_straddling_a_boundary():
    from spacy.tokens import Doc

    nlp = pipeline.get_nlp()
    # "增加。（" straddles the boundary before "（": the next sentence starts at the first
    # token that begins inside it.
    words = ["人员", "增加。（", "一", "）", "收入"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    pipeline.set_sentence_starts(doc)
    assert [t.is_sent_start for t in doc] == [True, False, True, False, False]
    # No token begins inside the one-character sentence "下": the token holding its first
    # character starts it, so no sentence is lost.
    words = ["好。", "是", "。下"]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    pipeline.set_sentence_starts(doc)
    assert [t.is_sent_start for t in doc] == [True, True, True]
    assert len(list(doc.sents)) == len(split_sentences(doc.text)) == 3


def test_empty_and_blank_docs():
    nlp = pipeline.get_nlp()
    assert list(nlp("").sents) == []
    assert doc_sentences(nlp("  \u3000 ")) == []


def test_existing_sentencizer_is_disabled():
    import spacy

    pipeline._register_component()
    nlp = spacy.blank("zh")
    nlp.add_pipe("sentencizer")
    pipeline._install_component(nlp)
    assert nlp.pipe_names == [pipeline.COMPONENT]
    assert "sentencizer" in nlp.disabled
    doc = nlp("主要原因：人员增加。（一）收入决算说明")
    assert [s.text for s in doc.sents] == ["主要原因：人员增加。", "（一）收入决算说明"]


def test_tokens():
    toks = pipeline.tokens("2023年，我办实际支出251.06万元。\n下一句")
    assert "251.06" in toks
    assert "".join(toks) == "2023年，我办实际支出251.06万元。下一句"
    assert all(t.strip() for t in toks)


def _corpus_texts() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) + (sorted(REAL.glob("*.txt")) if REAL.is_dir() else [])
    return [line for f in files for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_jieba_alone_gives_the_words_of_spacys_blank_pipeline_with_jieba():
    if pipeline.backend() != "jieba":
        pytest.skip("zh_core_web_sm is installed: spaCy's pipeline segments with its own model")
    texts = _corpus_texts()
    assert len(texts) > 1000
    for text in texts:
        assert pipeline.jieba_words(text) == pipeline.tokens(text), text


def test_words_in_a_requested_segmentation_match_jieba():
    text = "受疫情影响，项目延期实施，资金执行率为69.28%。"
    assert pipeline.words(text, "jieba") == pipeline.jieba_words(text)
    assert "疫情" in pipeline.words(text, "jieba")


def test_a_single_check_segments_without_importing_spacy():
    code = (
        "import sys; from budgetlint.nlp.text import segmenter as s; "
        "w = s.words('资金执行率偏低'); print('spacy' in sys.modules, 'jieba' in sys.modules, w)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    spacy_loaded, jieba_loaded, words = out.stdout.strip().split(" ", 2)
    if pipeline.backend() == "jieba":
        assert (spacy_loaded, jieba_loaded) == ("False", "True")
    assert "偏低" in words


def test_a_process_that_prefers_spacy_segments_with_its_pipeline():
    code = (
        "import sys; from budgetlint.nlp.text import segmenter as s; s.use_spacy(); "
        "w = s.words('资金执行率偏低'); print('spacy' in sys.modules, w)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("True ")


def test_import_does_not_load_spacy_or_jieba():
    code = (
        "import budgetlint.nlp.text.segmenter, budgetlint.nlp.text.sentences, sys; "
        "print('spacy' in sys.modules, 'jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


def test_describe_does_not_initialise_jieba():
    code = (
        "import budgetlint.nlp.text.segmenter as p, sys; d = p.describe(); "
        "print('jieba' in sys.modules, 'spacy' in sys.modules); print(d)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    flags, desc = out.stdout.strip().splitlines()
    assert flags == "False False"
    assert desc.startswith("spaCy 3.")
    assert not out.stderr  # no "Building prefix dict" noise


def test_describe_mentions_jieba_without_model():
    pipeline.get_nlp()
    desc = pipeline.describe()
    assert desc.startswith("spaCy ")
    if pipeline._kind == "model":
        assert pipeline.MODEL_NAME in desc
    else:
        assert "jieba" in desc
        assert "zh_core_web_sm" in desc  # says why the model is not used
