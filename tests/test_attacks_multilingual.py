"""Attack words and casualty figure candidates in every language the rules read."""

from __future__ import annotations

import pytest

from extractor.models import EventType, Outcome, Population
from extractor.staged.candidates import Sentence, campaign_marker, find_attacks, find_figures
from extractor.staged.candidates.attacks import is_weak, most_specific

E, P, OUT = EventType, Population, Outcome


def _sentence(text: str) -> Sentence:
    return Sentence(index=0, start=10, end=10 + len(text), text=text, paragraph=0, body=True)


@pytest.mark.parametrize(
    ("language", "text", "found", "kind"),
    [
        ("fr", "Des frappes aériennes ont visé la ville.", "frappes aériennes", E.airstrike),
        ("fr", "Un bombardement a touché le marché.", "bombardement", E.airstrike),
        ("fr", "Un tir de drone a tué deux hommes.", "tir de drone", E.drone_strike),
        ("fr", "Des barils d'explosifs ont été largués.", "barils d'explosifs", E.barrel_bomb),
        ("es", "Un bombardeo alcanzó el hospital.", "bombardeo", E.airstrike),
        ("es", "Un ataque con drones mató a tres.", "ataque con drones", E.drone_strike),
        ("es", "Un ataque aéreo destruyó la escuela.", "ataque aéreo", E.airstrike),
        ("pt", "Um bombardeamento atingiu a aldeia.", "bombardeamento", E.airstrike),
        ("pt", "Um ataque aéreo matou dez civis.", "ataque aéreo", E.airstrike),
        ("de", "Bei dem Luftangriff starben zwölf Menschen.", "Luftangriff", E.airstrike),
        ("de", "Ein Drohnenangriff traf das Haus.", "Drohnenangriff", E.drone_strike),
        ("de", "Ein Raketenangriff traf die Stadt.", "Raketenangriff", E.missile_strike),
        ("de", "Der Beschuss dauerte die ganze Nacht.", "Beschuss", E.shelling),
        ("da", "Et luftangreb ramte byen.", "luftangreb", E.airstrike),
        ("ar", "استهدفت غارات جوية البلدة.", "غارات جوية", E.airstrike),
        ("ar", "قُتل ثلاثة في قصفٍ مدفعي على القرية.", "قصفٍ مدفعي", E.shelling),
        ("ar", "هاجمت طائرة مسيّرة سيارة.", "طائرة مسيّرة", E.drone_strike),
        ("ar", "سقط صاروخ على الحي.", "صاروخ", E.missile_strike),
        ("ar", "وأسفرت الغارات عن مقتل مدنيين.", "الغارات", E.airstrike),
        # participles and past tenses of ground attacks
        ("pt", "A aldeia de Natocua foi também atacada.", "atacada", E.ground_attack),
        ("pt", "Os insurgentes incendiaram mais de 30 casas.", "incendiaram", E.ground_attack),
        ("es", "Hombres armados irrumpieron en el caserío.", "irrumpieron", E.ground_attack),
        ("fr", "Des hommes armés ont attaqué le village.", "ont attaqué", E.ground_attack),
        ("ar", "هاجموا القرية فجر اليوم.", "هاجموا", E.ground_attack),
    ],
)
def test_attack_words_are_found_in_their_language(
    language: str, text: str, found: str, kind: EventType
) -> None:
    mentions = find_attacks(_sentence(text), language=language)
    assert any(m.text == found and m.event_type is kind for m in mentions), mentions
    for m in mentions:  # offsets are the original text's, diacritics included
        assert text[m.start - 10 : m.end - 10] == m.text


def test_a_weak_word_needs_support_in_every_language() -> None:
    (fr,) = find_attacks(_sentence("Une attaque a eu lieu."), language="fr")
    (de,) = find_attacks(_sentence("Der Luftangriff traf."), language="de")
    assert is_weak(fr) and not is_weak(de)
    found = find_attacks(_sentence("Une attaque chimique au chlore."), language="fr")
    assert most_specific([m.event_type for m in found]) is E.chemical_attack


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "Au moins 16 civils ont été tués et quatre djihadistes ont péri dans une frappe.",
            [
                ("Au moins 16 civils", 16, None, P.civilians, OUT.killed),
                ("quatre djihadistes", 4, 4, P.combatants, OUT.killed),
            ],
        ),
        (
            "fr",
            "Un enfant a été tué et une dizaine de personnes blessées.",
            [
                ("Un enfant", 1, 1, P.children, OUT.killed),
                ("une dizaine de personnes", 10, 10, P.people, OUT.injured),
            ],
        ),
        (
            "es",
            "Al menos 23 personas murieron, entre ellas dos niños, y decenas resultaron heridas.",
            [
                ("Al menos 23 personas", 23, None, P.people, OUT.killed),
                ("dos niños", 2, 2, P.children, OUT.killed),
                ("decenas", 24, None, P.people, OUT.injured),
            ],
        ),
        (
            "pt",
            "Pelo menos 12 civis morreram e 30 ficaram feridos; um homem está desaparecido.",
            [
                ("Pelo menos 12 civis", 12, None, P.civilians, OUT.killed),
                ("30", 30, 30, P.people, OUT.injured),
                ("um homem", 1, 1, P.people, OUT.missing),
            ],
        ),
        (
            "de",
            "Mindestens 23 Zivilisten wurden getötet, darunter fünf Kinder; Dutzende wurden verletzt.",
            [
                ("Mindestens 23 Zivilisten", 23, None, P.civilians, OUT.killed),
                ("fünf Kinder", 5, 5, P.children, OUT.killed),
                ("Dutzende", 24, None, P.people, OUT.injured),
            ],
        ),
        (
            "ar",
            "قتل ثمانية أشخاص بينهم طفلان وأصيب 15 آخرون بجروح، وقتل طفل في قصف مدفعي.",
            [
                ("ثمانية أشخاص", 8, 8, P.people, OUT.killed),
                ("طفلان", 2, 2, P.children, OUT.killed),
                ("15 آخرون", 15, 15, P.people, OUT.injured),
                ("طفل", 1, 1, P.children, OUT.killed),
            ],
        ),
        (
            "ar",
            "أسفرت الغارات عن مقتل ما لا يقل عن 12 مدنيا وإصابة عشرات آخرين.",
            [
                ("ما لا يقل عن 12 مدنيا", 12, None, P.civilians, OUT.killed),
                ("عشرات آخرين", 24, None, P.people, OUT.injured),
            ],
        ),
        (
            "da",
            "Seks andre blev dræbt og tre børn blev såret.",
            [
                ("Seks andre", 6, 6, P.people, OUT.killed),
                ("tre børn", 3, 3, P.children, OUT.injured),
            ],
        ),
        (
            "fr",
            "La Défense civile a fait état de 33 civils tués et de plus de 70 blessés.",
            [
                ("33 civils", 33, 33, P.civilians, OUT.killed),
                ("plus de 70 blessés", 71, None, P.people, OUT.injured),
            ],
        ),
        (
            "de",
            "Es gab 33 tote Zivilisten und 12 Verletzte.",
            [
                ("33 tote Zivilisten", 33, 33, P.civilians, OUT.killed),
                ("12 Verletzte", 12, 12, P.people, OUT.injured),
            ],
        ),
        (
            "pt",
            "Um ataque com mísseis matou uma pessoa e feriu nove, entre elas duas crianças.",
            [
                ("uma pessoa", 1, 1, P.people, OUT.killed),
                ("nove", 9, 9, P.people, OUT.injured),
                ("duas crianças", 2, 2, P.children, OUT.injured),
            ],
        ),
        (
            "es",
            "El número de muertos por el ataque contra el hipermercado ascendió este domingo a 16.",
            [("16", 16, 16, P.people, OUT.killed)],
        ),
        (
            "de",
            "Bei dem Angriff seien vier Zivilisten getötet worden, darunter eine Frau.",
            [
                ("vier Zivilisten", 4, 4, P.civilians, OUT.killed),
                ("eine Frau", 1, 1, P.women, OUT.killed),
            ],
        ),
        (
            "ar",
            "قُتل 40 شخصاً على الأقل بينهم 14 طفلاً في غارة تؤوي آلاف النازحين.",
            [
                ("40 شخصاً على الأقل", 40, None, P.people, OUT.killed),
                ("14 طفلاً", 14, 14, P.children, OUT.killed),
            ],
        ),
        ("fr", "Le bombardement a fait 2 000 déplacés le 12 mars 2016.", []),
        ("es", "Tres personas fueron detenidas tras el ataque.", []),
    ],
)
def test_casualty_figures_are_found_in_their_language(
    language: str, text: str, expected: list[tuple]
) -> None:
    found = find_figures(_sentence(text), language=language)
    assert [(f.text, f.min, f.max, f.population, f.outcome) for f in found] == expected
    for f in found:
        assert text[f.start - 10 : f.end - 10] == f.text


@pytest.mark.parametrize(
    ("language", "text", "attack", "figures"),
    [
        (
            "ru",
            "В результате авиаудара погибли по меньшей мере 12 мирных жителей, в том числе трое "
            "детей, ещё 20 человек ранены.",
            ("авиаудара", E.airstrike),
            [
                (12, P.civilians, OUT.killed),
                (3, P.children, OUT.killed),
                (20, P.people, OUT.injured),
            ],
        ),
        (
            "uk",
            "Унаслідок ракетного удару загинули щонайменше 5 цивільних, ще 12 людей поранені.",
            ("ракетного удару", E.missile_strike),
            [(5, P.civilians, OUT.killed), (12, P.people, OUT.injured)],
        ),
        (
            "tr",
            "Hava saldırısında en az 12 sivil hayatını kaybetti, 20 kişi yaralandı.",
            ("Hava saldırısında", E.airstrike),
            [(12, P.civilians, OUT.killed), (20, P.people, OUT.injured)],
        ),
    ],
)
def test_russian_ukrainian_and_turkish_attacks_and_figures(
    language: str, text: str, attack: tuple[str, EventType], figures: list[tuple]
) -> None:
    sentence = _sentence(text)
    assert [(m.text, m.event_type) for m in find_attacks(sentence, language=language)] == [attack]
    found = find_figures(sentence, language=language)
    assert [(f.min, f.population, f.outcome) for f in found] == figures


@pytest.mark.parametrize(
    ("language", "text", "marker"),
    [
        ("fr", "Plus de 400 civils y ont péri depuis, selon l'Observatoire.", "depuis"),
        ("de", "Insgesamt wurden seit April 500 Menschen getötet.", "Insgesamt"),
        ("ar", "قتل أكثر من 400 مدني منذ نهاية نيسان.", "منذ"),
        ("es", "Murieron 12 personas en el bombardeo.", None),
        ("en", "No total was given for the 12 people killed.", None),
    ],
)
def test_a_campaign_total_is_marked_in_its_language(
    language: str, text: str, marker: str | None
) -> None:
    assert campaign_marker(text, language) == marker
