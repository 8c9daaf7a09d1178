#!/usr/bin/env python3
"""Writes a synthetic corpus of wire-style news articles for attrib's speed benchmark.

  python3 Benchmarks/generate_corpus.py --mb 4 --out DIR [--seed 1]
  python3 Benchmarks/generate_corpus.py --mb 4 --out FILE.txt --single-file [--seed 1]

Every sentence is built here from the templates below, filled with random names, places,
organisations, numbers and quotes: no third-party text. Articles mix direct quotes with
"said", reported speech ("said that ..."), "according to" attributions, partial quotes,
vague sources and unattributed figures, roughly as a wire story does.

Folder mode writes articles of about 3-6 KB each as DIR/NNN/article-NNNNNN.txt (100 files
per subfolder) until the total reaches --mb megabytes (10^6 bytes, UTF-8). --single-file
writes one file of about --mb megabytes: the same articles, one after another, separated by
blank lines. The same --seed and --mb always give the same bytes. Standard library only.
"""
import argparse
import os
import random
import sys

FIRST = """Amal Omar Lena Pavel Sofia Tomasz Ines Kwame Mariam Hiro Nadia Diego Leila Jonas Priya
Rafael Hana Viktor Aisha Mateo Yusuf Elena Chidi Ingrid Karim Mei Oskar Fatima Luca Zanele
Arjun Greta Samir Noor Tariq Beatriz Dmitri Ayesha Henrik Salma Kofi Irene Jamal Astrid Ravi
Yara Felipe Marta Bilal Clara""".split()
LAST = """Haddad Novak Okafor Lindqvist Moreau Tanaka Rahman Castillo Petrov Mensah Kowalski Farouk
Schmidt Alvarez Nakamura Osei Brennan Varga Qureshi Duarte Sorensen Abadi Keller Mwangi Ionescu
Bakr Fischer Romero Yilmaz Adeyemi Larsen Hosseini Costa Eriksen Nasser Wojcik Achebe Silva
Lambert Kaya al-Jabouri al-Hashimi van Dijk de Souza O'Neill""".split()
TITLE = """Prime Minister|Foreign Minister|Defence Minister|Finance Minister|Interior Minister|
Health Minister|Mayor|Governor|Senator|Gen.|Col.|Dr.|President|Chief Executive|spokeswoman|
spokesman|Deputy Minister|Ambassador|Judge|Commissioner""".replace("\n", "").split("|")
ROLE = """a spokesman for the ministry|the head of the regional council|a senior police official|
an economist at the central bank|the director of the port authority|a lawyer for the families|
the chairman of the opposition bloc|a researcher at the university|the union's general secretary|
a senior aide to the governor|the chief prosecutor|an adviser to the president|a local councillor|
the hospital's medical director|a diplomat familiar with the talks""".replace("\n", "").split("|")
VAGUE = """officials|a senior official|sources close to the talks|people familiar with the matter|
diplomats|analysts|critics|residents|witnesses|a government source|local media|several reports|
observers|two people briefed on the plan|an official who asked not to be named""".replace(
    "\n", "").split("|")
ORG = """the Interior Ministry|the Health Ministry|the central bank|the electoral commission|
the port authority|the World Food Programme|the national statistics office|the Red Crescent|
the regional assembly|the energy regulator|the teachers' union|the defence ministry|
the coast guard|the civil aviation authority|the state news agency|the chamber of commerce|
the European Commission|the African Union|the World Bank|the International Monetary Fund""".replace(
    "\n", "").split("|")
PLACE = """Baghdad Nairobi Lagos Warsaw Lisbon Ankara Manila Lima Hanoi Dakar Quito Tbilisi Accra
Tunis Amman Kyiv Bogota Oslo Athens Karachi Harare Kigali Riga Sofia Belgrade Tallinn Rabat
Jakarta Dhaka Santiago Montevideo Asmara Muscat Doha Beirut Cairo Marseille Porto Basra Mosul
Erbil Mombasa Gdansk Izmir Cebu Cusco Hue""".split()
REGION = """the northern province|the coastal region|the eastern highlands|the southern border area|
the capital's outskirts|the river delta|the western desert|the industrial belt|the islands|
the mountain districts""".replace("\n", "").split("|")
TOPIC = """the budget|the ceasefire|the new tax law|the water shortage|fuel prices|the election|
the rail strike|the flood relief effort|the hospital reforms|the trade agreement|the port expansion|
the mining licences|the wage talks|the power cuts|the refugee camps|the school closures|
the bridge collapse|the drought|the vaccine campaign|the border crossings""".replace(
    "\n", "").split("|")
NOUN = """troops|families|teachers|workers|farmers|students|patients|officers|households|
migrants|voters|businesses|nurses|drivers|fishermen""".replace("\n", "").split("|")
VERB_PAST = """announced|confirmed|denied|warned|insisted|argued|acknowledged|claimed|
promised|stressed|suggested|disclosed""".replace("\n", "").split("|")
SAY = ["said", "said", "said", "told reporters", "told the Wire", "added", "said in a statement",
       "wrote on social media", "said on Tuesday", "said on Friday", "told a news conference"]
WEEKDAY = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
MONTH = """January February March April May June July August September October November
December""".split()

QUOTE_BODY = [
    "We will not accept {topic} being decided without the people of {place}",
    "This is the worst crisis {region} has seen in {years} years",
    "Nobody expected {n} {noun} to be affected so quickly",
    "The government has a plan and we will carry it out before {month}",
    "Our priority is to keep {noun} safe, and that has not changed",
    "We have asked for help from {org} and we are still waiting",
    "It is too early to say what caused it, but we are looking at every possibility",
    "The numbers speak for themselves: {pct} percent more than last year",
    "I have spoken to the families and they deserve answers",
    "There is no deal until everything is agreed",
    "We were told the money would arrive in {month}, and it never came",
    "This decision was taken in {place}, not here",
    "We are ready to talk, but not under pressure",
    "The situation is stable but fragile, and we are watching it closely",
]
HEADLINE = [
    "{org_cap} warns of delays over {topic}",
    "{n} {noun} displaced as {topic} deepens in {region}",
    "{place} talks on {topic} stall, officials say",
    "Minister under pressure over {topic}",
    "{org_cap} approves plan on {topic} after long debate",
    "Protests in {place} over {topic} enter {ordinal} day",
]
ORDINAL = "second third fourth fifth sixth seventh".split()


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def c(self, seq):
        return self.r.choice(seq)

    def person(self):
        return f"{self.c(FIRST)} {self.c(LAST)}"

    def slots(self):
        r = self.r
        org = self.c(ORG)
        return {
            "place": self.c(PLACE), "region": self.c(REGION), "topic": self.c(TOPIC),
            "noun": self.c(NOUN), "org": org, "org_cap": org[0].upper() + org[1:],
            "n": f"{r.randint(12, 98000):,}", "pct": r.randint(2, 85),
            "years": r.randint(3, 60), "month": self.c(MONTH), "ordinal": self.c(ORDINAL),
            "day": self.c(WEEKDAY), "money": f"{r.randint(2, 950)} million",
            "year": r.randint(2015, 2026),
        }

    def fill(self, template):
        return template.format(**self.slots())

    def quote(self):
        return self.fill(self.c(QUOTE_BODY))

    def speaker_intro(self):
        """(full first mention, short later mention)"""
        name = self.person()
        last = name.split(" ", 1)[1]
        if self.r.random() < 0.5:
            return f"{self.c(TITLE)} {name}", last
        return f"{name}, {self.c(ROLE)},", last

    def sentence(self, speakers):
        """One sentence, first letter capitalised."""
        s = self._sentence(speakers)
        return s[0].upper() + s[1:]

    def _sentence(self, speakers):
        """One sentence of some kind; speakers is a list of (intro, short, introduced?)"""
        r, s = self.r, self.slots()
        kind = r.random()
        if speakers:
            i = r.randrange(len(speakers))
            intro, short, seen = speakers[i]
            who = short if seen else intro.rstrip(",")
            speakers[i] = (intro, short, True)
        else:
            who = self.person()
        q = self.quote()
        if kind < 0.18:  # direct quote, attribution after
            return f"“{q},” {who} {self.c(SAY)}."
        if kind < 0.28:  # direct quote, speaker first
            return f"{who} {self.c(SAY)}: “{q}.”"
        if kind < 0.36:  # split quote
            return f"“{q},” {who} said. “{self.quote()}.”"
        if kind < 0.50:  # reported speech
            return (f"{who} {self.c(VERB_PAST)} that {s['n']} {s['noun']} in {s['region']} "
                    f"had been affected by {s['topic']} since {s['month']}.")
        if kind < 0.60:  # according to
            return (f"According to {s['org']}, about {s['n']} {s['noun']} were registered "
                    f"in {s['place']} last year, up {s['pct']} percent.")
        if kind < 0.66:  # trailing according to
            return (f"The cost of {s['topic']} has reached ${s['money']}, according to "
                    f"{self.c(VAGUE)}.")
        if kind < 0.72:  # partial quote
            return (f"{who} described {s['topic']} as “{self.c(['a disgrace', 'manageable', 'a turning point', 'long overdue', 'unacceptable'])}” "
                    f"and {self.c(VERB_PAST)} that talks would resume on {s['day']}.")
        if kind < 0.78:  # vague source
            return (f"{self.c(VAGUE).capitalize()} said the plan for {s['topic']} could be "
                    f"delayed until {s['month']} {s['year']}.")
        if kind < 0.88:  # unattributed figures
            return (f"More than {s['n']} {s['noun']} have left {s['region']} since {s['month']}, "
                    f"and prices rose {s['pct']} percent in {s['year']}.")
        if kind < 0.94:  # background, no source
            return (f"{s['place']} has been at the centre of the dispute over {s['topic']} "
                    f"for {s['years']} years.")
        return (f"The meeting on {s['day']} in {s['place']} was attended by representatives of "
                f"{s['org']} and {s['n']} {s['noun']}.")

    def article(self, target_bytes):
        r = self.r
        s = self.slots()
        head = self.fill(self.c(HEADLINE))
        head = head[0].upper() + head[1:]
        city = self.c(PLACE).upper()
        speakers = [self.speaker_intro() + (False,) for _ in range(r.randint(2, 4))]
        paras = [head, "",
                 f"{city} (Wire) — {self.sentence(speakers)} {self.sentence(speakers)}"]
        size = sum(len(p.encode()) + 1 for p in paras)
        while size < target_bytes:
            n = r.choices([1, 2, 3], weights=[5, 4, 1])[0]
            p = " ".join(self.sentence(speakers) for _ in range(n))
            paras.append(p)
            size += len(p.encode()) + 1
        paras.append(f"(Reporting by {self.person()} in {s['place']}; editing by {self.person()})")
        return "\n".join(paras) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, required=True, help="total size in MB (10^6 bytes)")
    ap.add_argument("--out", required=True, help="folder to write (or file, with --single-file)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--single-file", action="store_true", help="write one long file")
    ap.add_argument("--min-kb", type=float, default=3.0)
    ap.add_argument("--max-kb", type=float, default=6.0)
    a = ap.parse_args()
    if a.mb <= 0 or a.min_kb <= 0 or a.max_kb < a.min_kb:
        ap.error("--mb must be > 0 and 0 < --min-kb <= --max-kb")
    total = int(a.mb * 1e6)
    g = Gen(a.seed)
    # article sizes are chosen so that the closing line lands the file inside [min, max]
    lo, hi = int(a.min_kb * 1000) - 120, int(a.max_kb * 1000) - 400
    written = files = 0
    if a.single_file:
        d = os.path.dirname(os.path.abspath(a.out))
        os.makedirs(d, exist_ok=True)
        with open(a.out, "w", encoding="utf-8") as fh:
            while written < total:
                art = g.article(g.r.randint(lo, hi)) + "\n"
                b = art.encode()
                fh.write(art)
                written += len(b)
                files += 1
        print(f"wrote {a.out}: {written} bytes ({files} articles)", file=sys.stderr)
        return
    os.makedirs(a.out, exist_ok=True)
    while written < total:
        sub = os.path.join(a.out, f"{files // 100:03d}")
        if files % 100 == 0:
            os.makedirs(sub, exist_ok=True)
        art = g.article(g.r.randint(lo, hi))
        with open(os.path.join(sub, f"article-{files:06d}.txt"), "w", encoding="utf-8") as fh:
            fh.write(art)
        written += len(art.encode())
        files += 1
    print(f"wrote {a.out}: {written} bytes in {files} files", file=sys.stderr)


if __name__ == "__main__":
    main()
