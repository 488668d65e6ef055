"""Build records from a document's candidates and the answers to its choices.

Deterministic: attack mentions become incidents (one per place and day, a
sentence naming several places giving one each), casualty figures become
claims on the incident of their sentence (or the latest one before it),
speech events become statements (one per speaker, type and subject). Every
evidence span is a candidate sentence's own span of the original text, so
each record is grounded exactly by construction.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from extractor.models import (
    Actor,
    ActorKind,
    Alignment,
    Attribution,
    CasualtyClaim,
    DateSpec,
    Evidence,
    Incident,
    IncidentStatus,
    LocationPrecision,
    Outcome,
    Perpetrator,
    Statement,
    StatementType,
)
from extractor.normalise import normalise_actor, parse_figure, resolve_date
from extractor.normalise.actor_context import resolve_description
from extractor.normalise.actor_tables import known_actor_end
from extractor.normalise.demonyms import demonym_of
from extractor.normalise.figures import split_figures
from extractor.normalise.keys import name_key
from extractor.normalise.perpetrators import perpetrator_actor
from extractor.normalise.place_phrase import words_for
from extractor.record_set import Records
from extractor.staged.candidates.attackers import find_attackers
from extractor.staged.candidates.attacks import is_weak, most_specific
from extractor.staged.candidates.document import DocumentCandidates, SentenceCandidates
from extractor.staged.candidates.figures import FigureMention
from extractor.staged.candidates.lexicon import fold, lexicon
from extractor.staged.candidates.places import PlaceMention
from extractor.staged.candidates.sentences import Sentence
from extractor.staged.questions import NONE, follows_according, governing_event
from extractor.staged.type_rules import _PERPETRATOR, statement_type, type_clause

_PRONOUNS = re.compile(
    r"^(?:he|she|they|it|we|i|the (?:group|ministry|agency|organisation|organization|statement"
    r"|office|spokesman|spokeswoman|official|minister|source|report))$",
    re.I,
)
_VERB_DATE_GAP = 24


def _is_pronoun(written: str, language: str | None) -> bool:
    """'he', 'the ministry' (English); 'il', 'elle', «هو» in the document's language."""
    return bool(_PRONOUNS.match(written.strip())) or fold(written) in lexicon(language).pronouns


@dataclass
class _Incident:
    place: PlaceMention
    date: DateSpec
    types: list
    sentences: list[int]
    perpetrators: dict[str, Perpetrator] = field(default_factory=dict)
    claims: list[CasualtyClaim] = field(default_factory=list)


_LIST_MARK = re.compile(r"^\s*(?:[-–—•*▪·]|\d{1,2}[.)])\s+")


def _list_items(doc: DocumentCandidates) -> dict[int | None, int]:
    """Paragraph of each list item -> the sentence that leads into its list with a colon."""
    out: dict[int | None, int] = {}
    lead: int | None = None
    paragraph: int | None = None
    for c in doc.sentences:
        s = c.sentence
        if s.paragraph == paragraph:
            continue  # a later sentence of the paragraph already read
        paragraph = s.paragraph
        last = max(
            (x for x in doc.sentences if x.sentence.paragraph == s.paragraph),
            key=lambda x: x.sentence.index,
        )
        if _LIST_MARK.match(s.text) and lead is not None:
            out[s.paragraph] = lead
        elif last.sentence.text.rstrip().endswith((":", "：")):
            lead = last.sentence.index
        else:
            lead = None
    return out


def evidence_of(text: str, start: int, end: int) -> Evidence:
    return Evidence(
        quote=text[start:end], char_start=start, char_end=end, alignment=Alignment.exact
    )


class _Assembler:
    def __init__(
        self,
        doc: DocumentCandidates,
        answers: Mapping[tuple[str, int], str],
        published: dt.date | None,
    ) -> None:
        self.doc = doc
        self.answers = answers
        self.published = published
        self.speakers: list[Actor] = []
        self.incidents: list[_Incident] = []
        self.by_sentence: dict[int, list[int]] = {}
        self.event_speaker: dict[int, Actor] = {}

    # -- actors -----------------------------------------------------------------
    def actor(self, written: str) -> Actor | None:
        """The actor a chosen span names; pronouns and surnames resolve to earlier speakers."""
        if not written or written == NONE:
            return None
        if _is_pronoun(written, self.doc.language):
            return self.speakers[-1] if self.speakers else None
        actor = normalise_actor(written, language=self.doc.language)
        key = name_key(actor.name or "")
        if key and " " not in key:
            for earlier in reversed(self.speakers):
                if name_key(earlier.name or "").split()[-1:] == [key]:
                    return earlier
        earlier = list(reversed(self.speakers))
        return resolve_description(actor, earlier, language=self.doc.language) or actor

    # -- incidents --------------------------------------------------------------
    def _date(self, c: SentenceCandidates) -> DateSpec:
        verbs = [(e.start, e.end) for e in c.speech]
        found = []
        text = self.doc.text
        for d in c.dates:
            near_verb = any(
                (0 <= s - d.end <= _VERB_DATE_GAP and "," not in text[d.end : s])
                or 0 <= d.start - e <= 3
                for s, e in verbs
            )  # "na noite de quarta-feira, anunciou": the comma ends the attack's clause
            if near_verb and len(c.dates) > 1:
                continue  # "on Tuesday denied", "said Thursday": the statement's date
            spec = resolve_date(d.text, self.published, language=self.doc.language)
            found.append(
                spec.model_copy(update={"evidence": evidence_of(self.doc.text, d.start, d.end)})
            )
        if len(found) > 1 and self._dateline(c, found[0]):
            return found[1]  # "Ouagadougou, 3 juin 2024 (AFP) - ... tués samedi"
        return found[0] if found else DateSpec()

    def _dateline(self, c: SentenceCandidates, spec: DateSpec) -> bool:
        """Whether a date is the report's own, written in the dateline that opens the
        sentence ("Ouagadougou, 3 juin 2024 (AFP) -"), not the day of what it reports."""
        if spec.start is None or spec.start != self.published or spec.evidence is None:
            return False
        lead = self.doc.text[c.sentence.start : spec.evidence.char_start]
        return len(lead.split()) <= 3 and lead.rstrip().endswith((",", "،"))

    def _perpetrators(self, c: SentenceCandidates, place: PlaceMention) -> dict[str, Perpetrator]:
        out: dict[str, Perpetrator] = {}
        for m in _PERPETRATOR.finditer(c.sentence.text):
            written = m.group()
            for part in re.split(r"\s+and\s+", written):
                if part.lower().startswith(("government", "regime", "pro-government")):
                    country = place.location.country or "SYR"
                    part = "Syrian Armed Forces" if country == "SYR" else f"{country} armed forces"
                if part.endswith(" of"):
                    part = part[:-3]
                actor = _forces(part, self.doc.language)
                if actor.name:
                    out.setdefault(
                        name_key(actor.name),
                        Perpetrator(**actor.model_dump(), attribution=Attribution.alleged),
                    )
        for found in find_attackers(c.sentence.text, self.doc.language):
            actor = _country_forces(found.country)  # "el ataque ruso": Russian forces
            if actor is not None and actor.name:
                out.setdefault(
                    name_key(actor.name),
                    Perpetrator(**actor.model_dump(), attribution=Attribution.alleged),
                )
        return out

    def _killing(self, c: SentenceCandidates) -> bool:
        """Whether a sentence reports people killed in a named village or town, with no
        attack word ("Insurgentes mataram três civis na aldeia de Mitambo"): a killing is
        an incident of its own."""
        killed = any(f.outcome is Outcome.killed for f in c.figures)
        named = any(
            p.below_country and p.location.precision is not LocationPrecision.province
            for p in c.places
        )
        return killed and named

    def build_incidents(self) -> None:
        placeless: list[SentenceCandidates] = []
        for c in self.doc.sentences:
            if c.campaign or not (c.attacks or self._killing(c)):
                continue
            strong = [a for a in c.attacks if not is_weak(a)]
            places = _innermost(
                [p for p in c.places if p.below_country], self.doc.language, c.sentence
            )
            if not (strong or c.figures):
                continue
            if not places:
                if c.figures:
                    placeless.append(c)
                continue
            date = self._date(c)
            for place in places:
                self._add(c, place, date, [a.event_type for a in c.attacks])
        for c in placeless:  # a lede's toll and date go to the incident its figures are about
            n = self.incident_for(c.sentence.index)
            if n is None:
                continue
            inc = self.incidents[n]
            if inc.date.start is None and inc.date.text is None:
                inc.date = self._date(c)
            inc.sentences.insert(0, c.sentence.index)
            inc.types.extend(a.event_type for a in c.attacks)
            self.by_sentence.setdefault(c.sentence.index, []).append(n)

    def _add(self, c: SentenceCandidates, place: PlaceMention, date: DateSpec, types: list) -> None:
        key = name_key(place.location.name or place.text)
        province = place.location.precision is LocationPrecision.province
        for n, inc in enumerate(self.incidents):
            same_place = name_key(inc.place.location.name or inc.place.text) == key or (
                province and name_key(inc.place.location.admin1 or "") == key
            )
            same_day = date.start is None or inc.date.start is None or date.start == inc.date.start
            if same_place and same_day:
                if inc.date.start is None and date.start is not None:
                    inc.date = date
                inc.types.extend(types)
                if c.sentence.index not in inc.sentences:
                    inc.sentences.append(c.sentence.index)
                inc.perpetrators = {**self._perpetrators(c, place), **inc.perpetrators}
                self.by_sentence.setdefault(c.sentence.index, []).append(n)
                return
        self.incidents.append(
            _Incident(place, date, list(types), [c.sentence.index], self._perpetrators(c, place))
        )
        self.by_sentence.setdefault(c.sentence.index, []).append(len(self.incidents) - 1)

    def incident_for(self, sentence: int) -> int | None:
        """The incident of a sentence, else the latest one before it, else the first one."""
        if sentence in self.by_sentence:
            return self.by_sentence[sentence][0]
        earlier = [s for s in self.by_sentence if s < sentence]
        if earlier:
            return self.by_sentence[max(earlier)][0]
        return 0 if self.incidents else None

    # -- claims -----------------------------------------------------------------
    def build_claims(self, statements: list[Statement]) -> None:
        for c in self.doc.sentences:
            for f in c.figures:
                if self.answers.get(("campaign", f.start)) == "campaign total":
                    continue
                n = self.incident_for(c.sentence.index)
                if n is None:
                    continue
                written = self.answers.get(("claimant", f.start), NONE)
                event = governing_event(c, f.start)
                pronoun = _is_pronoun(written, self.doc.language)
                if pronoun and event and event.start in self.event_speaker:
                    claimant = self.event_speaker[event.start]
                else:
                    claimant = self.actor(written)
                self._claim(n, f, claimant)
        self._list_sources()
        for inc in self.incidents:
            sources = {
                name_key(cl.claimant.name or cl.claimant.text or "")
                for cl in inc.claims
                if cl.claimant
            }
            if len(sources) == 1:  # the one source cited for this incident's report
                only = next(cl.claimant for cl in inc.claims if cl.claimant)
                for cl in inc.claims:
                    if cl.claimant is None:
                        cl.claimant = only

    def _list_sources(self) -> None:
        """A list's items take the source its lead-in names, when they name none.

        "The Observatory listed the villages hit:" and then one item per village:
        each item's figures are the Observatory's (a monitor's daily report).
        """
        items = _list_items(self.doc)
        if not items:
            return
        for inc in self.incidents:
            for claim in inc.claims:
                if claim.claimant is not None or not claim.evidence:
                    continue
                lead = items.get(self._paragraph_at(claim.evidence[0].char_start))
                source = self._lead_source(lead) if lead is not None else None
                if source is not None:
                    claim.claimant = source

    def _paragraph_at(self, offset: int) -> int | None:
        for c in self.doc.sentences:
            if c.sentence.start <= offset < c.sentence.end:
                return c.sentence.paragraph
        return None

    def _lead_source(self, lead: int) -> Actor | None:
        """The one known actor the lead-in sentence names, if it names one."""
        found = {}
        for span in self.doc.sentences[lead].speakers:
            actor = normalise_actor(span.text, language=self.doc.language)
            if actor.kind is not ActorKind.unknown and actor.name:
                found[name_key(actor.name)] = actor
        return next(iter(found.values())) if len(found) == 1 else None

    def _claim(self, n: int, f: FigureMention, claimant: Actor | None) -> None:
        """The claims of a figure mention on incident ``n``: one per figure its text
        holds (seeds/ANNOTATION.md §4.1), a figure already there taking the claimant."""
        parts = split_figures(f.text, self.doc.language)
        if len(parts) > 1:
            for part in parts:
                parsed = parse_figure(part, language=self.doc.language)
                offset = f.text.find(part)
                start = f.start + max(offset, 0)
                self._claim_one(
                    n,
                    replace(
                        f,
                        start=start,
                        end=start + len(part),
                        text=part,
                        population=parsed.population or f.population,
                        outcome=parsed.outcome or f.outcome,
                        min=parsed.min,
                        max=parsed.max,
                        qualifier=parsed.qualifier,
                    ),
                    claimant,
                )
            return
        self._claim_one(n, f, claimant)

    def _claim_one(self, n: int, f: FigureMention, claimant: Actor | None) -> None:
        inc = self.incidents[n]
        for existing in inc.claims:
            same = (existing.outcome, existing.population, existing.min, existing.max) == (
                f.outcome,
                f.population,
                f.min,
                f.max,
            )
            if same and (claimant is None or existing.claimant is None):
                if existing.claimant is None and claimant is not None:
                    existing.claimant = claimant
                return
        inc.claims.append(
            CasualtyClaim(
                claimant=claimant,
                outcome=f.outcome,
                population=f.population,
                min=f.min,
                max=f.max,
                qualifier=f.qualifier,
                text=f.text,
                evidence=[evidence_of(self.doc.text, *self._sentence_span(f.sentence))],
            )
        )

    def _sentence_span(self, index: int) -> tuple[int, int]:
        s = self.doc.sentences[index].sentence
        return s.start, s.end

    # -- statements -------------------------------------------------------------
    def build_statements(self) -> list[Statement]:
        merged: dict[tuple[str, str], dict] = {}
        order: list[tuple[str, str]] = []
        for c in self.doc.sentences:
            for event in c.speech:
                if event.habitual or follows_according(c, event):
                    continue
                speaker = self.actor(self.answers.get(("speaker", event.start), NONE))
                if speaker is None:
                    continue
                self.speakers.append(speaker)
                self.event_speaker[event.start] = speaker
                clause = type_clause(c, event)
                kind = statement_type(
                    clause,
                    attack=bool(c.attacks),
                    figure=bool(c.figures),
                    own_side=_own_side(speaker, c, clause, self.doc.language),
                    witness=speaker.kind is ActorKind.civilian,
                    language=self.doc.language,
                    context=c.sentence.text,
                )
                key = (name_key(speaker.name or speaker.text or ""), kind)
                about = [f"I{n + 1}" for n in self.by_sentence.get(c.sentence.index, [])]
                if not about and c.figures and not c.campaign:
                    n = self.incident_for(c.sentence.index)
                    about = [f"I{n + 1}"] if n is not None else []
                if key not in merged:
                    order.append(key)
                    merged[key] = {
                        "speaker": speaker,
                        "type": kind,
                        "sentences": [],
                        "about": [],
                        "quote": None,
                        "date": self._statement_date(c, event),
                    }
                entry = merged[key]
                if c.sentence.index not in entry["sentences"]:
                    entry["sentences"].append(c.sentence.index)
                entry["about"] += [a for a in about if a not in entry["about"]]
                if entry["quote"] is None and event.quotes:
                    long = [q for q in event.quotes if len(self.doc.text[q[0] : q[1]].split()) >= 4]
                    q = (long or event.quotes)[0]
                    entry["quote"] = self.doc.text[q[0] : q[1]]
        out = []
        for i, key in enumerate(order, 1):
            e = merged[key]
            spans = [self._sentence_span(s) for s in e["sentences"]]
            out.append(
                Statement(
                    id=f"S{i}",
                    speaker=e["speaker"],
                    type=StatementType(e["type"]),
                    content=self.doc.text[spans[0][0] : spans[0][1]],
                    quote=e["quote"],
                    about=e["about"],
                    date=e["date"],
                    evidence=[evidence_of(self.doc.text, s, t) for s, t in spans],
                )
            )
        return out

    def _statement_date(self, c: SentenceCandidates, event) -> DateSpec:  # type: ignore[no-untyped-def]
        for d in c.dates:
            if 0 <= event.start - d.end <= _VERB_DATE_GAP or 0 <= d.start - event.end <= 3:
                spec = resolve_date(d.text, self.published, language=self.doc.language)
                return spec.model_copy(
                    update={"evidence": evidence_of(self.doc.text, d.start, d.end)}
                )
        return DateSpec()

    # -- records ----------------------------------------------------------------
    def incident_records(self, statements: list[Statement]) -> list[Incident]:
        out = []
        for n, inc in enumerate(self.incidents, 1):
            rid = f"I{n}"
            status = IncidentStatus.reported
            perps = dict(inc.perpetrators)
            for st in statements:
                if rid not in st.about:
                    continue
                side = st.speaker.country
                for key, p in perps.items():
                    if side and p.country == side and st.speaker.kind in _STATE:
                        if st.type is StatementType.deny:
                            perps[key] = p.model_copy(update={"attribution": Attribution.denied})
                            status = IncidentStatus.denied
                        elif st.type is StatementType.confirm:
                            perps[key] = p.model_copy(update={"attribution": Attribution.claimed})
            out.append(
                Incident(
                    id=rid,
                    event_type=most_specific(inc.types),
                    status=status,
                    date=inc.date,
                    location=inc.place.location,
                    perpetrators=list(perps.values()),
                    casualty_claims=inc.claims,
                    evidence=[
                        evidence_of(self.doc.text, *self._sentence_span(s)) for s in inc.sentences
                    ],
                )
            )
        return out


_STATE = (ActorKind.state_military, ActorKind.government)


_CONTAINERS = (LocationPrecision.district, LocationPrecision.province)


def _apposed_container(p: PlaceMention, places: list[PlaceMention], language: str | None) -> bool:
    """Whether ``p`` is written "X, <district or province word> Y", right after another
    place of its sentence: Y situates X."""
    first = p.text.split()[0].casefold() if p.text.split() else ""
    if words_for(language).types.get(first) not in _CONTAINERS:
        return False
    return any(q is not p and 0 <= p.start - q.end <= 2 for q in places)


def _reference_point(
    p: PlaceMention, places: list[PlaceMention], language: str | None, sentence: Sentence | None
) -> bool:
    """Whether ``p`` only situates a place named before it in its sentence: "in Abasan
    al-Kabira, east of Khan Younis", "a unos 50 kilómetros al este de Pokrovsk"."""
    if sentence is None or not any(q is not p and q.end <= p.start for q in places):
        return False
    direction = words_for(language).directions | words_for("en").directions
    lead = sentence.text[: p.start - sentence.start].split()[-4:] + p.text.split()[:-1]
    return any(w.strip(",.'’").casefold() in direction for w in lead)


def _in_actor_name(p: PlaceMention, language: str | None, sentence: Sentence | None) -> bool:
    """Whether the place ends the name of an actor the tables know ("the Ministry of Health
    in Gaza", "la Defensoría del Pueblo de Colombia"): a body, not where it happened."""
    if sentence is None:
        return False
    end = p.end - sentence.start
    words = list(re.finditer(r"\S+", sentence.text[: p.start - sentence.start]))[-6:]
    for w in words:
        found = known_actor_end(sentence.text[w.start() : end], language)
        if found is not None and w.start() + found >= end:
            return True
    return False


def _innermost(
    places: list[PlaceMention], language: str | None = None, sentence: Sentence | None = None
) -> list[PlaceMention]:
    """Drop a province named only to situate another place of the sentence
    ("the village of Al-Shafah in Deir Ezzor province"), and a district or province
    written in apposition right after one ("na aldeia de Mitambo, distrito de Macomia")."""
    places = [p for p in places if not _apposed_container(p, places, language)]
    places = [p for p in places if not _reference_point(p, places, language, sentence)]
    places = [p for p in places if not _in_actor_name(p, language, sentence)]
    inner = {
        name_key(p.location.admin1 or "")
        for p in places
        if p.location.precision not in (LocationPrecision.province,)
    }
    out = []
    for p in places:
        own = name_key(p.location.name or "")
        if (
            own in inner
            and (
                p.location.precision is LocationPrecision.province
                or any(q is not p and name_key(q.location.admin1 or "") == own for q in places)
            )
            and len(places) > 1
        ):
            continue
        out.append(p)
    return out


def _forces(written: str, language: str | None = None) -> Actor:
    return perpetrator_actor(written, language=language)


def _country_forces(iso3: str) -> Actor | None:
    """A country's armed forces, by its ISO 3166 alpha-3 code."""
    demonym = demonym_of(iso3)
    return None if demonym is None else perpetrator_actor(f"{demonym} forces", language="en")


def _own_side(
    speaker: Actor, c: SentenceCandidates, clause: str, language: str | None = None
) -> bool:
    """Whether a state speaker describes its own side's operations (seeds/ANNOTATION.md
    §5.4: a belligerent describing what its operations hit or target confirms)."""
    if speaker.kind not in _STATE or not speaker.country:
        return False
    if not (c.attacks or _OPERATIONS.search(clause)):
        return False
    if speaker.kind is ActorKind.state_military:
        return True
    for m in _PERPETRATOR.finditer(c.sentence.text):
        if _forces(m.group()).country == speaker.country:
            return True
    if any(a.country == speaker.country for a in find_attackers(c.sentence.text, language)):
        return True
    return bool(re.search(r"\b(?:its|our|their own)\b", clause))


_OPERATIONS = re.compile(
    r"\b(?:target\w*|strik\w+|struck|bomb\w*|destroy\w*|hit|operations?|sorties|missions)\b", re.I
)


def assemble(
    doc: DocumentCandidates, answers: Mapping[tuple[str, int], str], published: dt.date | None
) -> Records:
    """Records of one document from its candidates and the answers to its choices."""
    a = _Assembler(doc, answers, published)
    a.build_incidents()
    statements = a.build_statements()
    a.speakers = [s.speaker for s in statements]
    a.build_claims(statements)
    return Records(incidents=a.incident_records(statements), statements=statements)
