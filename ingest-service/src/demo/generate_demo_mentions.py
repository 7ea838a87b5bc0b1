#!/usr/bin/env python3
"""Generate the demo sample of mentions that the demo source of the one-command run replays.

The sample is a month of people talking about Harbor City Transit, the demo organization of
config/organization.yml, on several sources and in several languages. It is written as JSON
lines in the Mention contract (schemaVersion 1, ISO-8601 instants, absent optionals omitted,
id = source:nativeId). Times end at a fixed anchor; the demo source shifts them all so the
newest mention becomes "now".

Deterministic: the same script always writes the same file. Python 3 standard library only.

    python3 ingest-service/src/demo/generate_demo_mentions.py            # write, then validate
    python3 ingest-service/src/demo/generate_demo_mentions.py --check    # validate only
"""

import hashlib
import json
import math
import random
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 20260131
ANCHOR = datetime(2026, 1, 31, 23, 59, 0, tzinfo=timezone.utc)
DAYS = 30
FIRST_DAY = (ANCHOR - timedelta(days=DAYS - 1)).replace(hour=0, minute=0, second=0)
HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parent / "main" / "resources" / "demo" / "mentions.jsonl"
ORGANIZATION = HERE.parents[2] / "config" / "organization.yml"
MAX_BYTES = 2 * 1024 * 1024

rng = random.Random(SEED)

# ---------------------------------------------------------------------------------------
# The city: lines, stops, neighbourhoods
# ---------------------------------------------------------------------------------------

BUSES = ["3", "7", "9", "12", "14", "18", "22", "23", "27", "31", "38", "42", "45", "51", "56", "63",
         "70", "77", "81", "88"]
NIGHT_BUSES = ["N2", "N5", "N7", "N9"]
TRAMS = ["T1", "T2", "T3", "T4", "T5"]
METROS = ["M1", "M2", "M3", "M4"]
STOPS = ["Central Station", "Pier 9", "Old Market", "Northgate", "Riverside", "Union Square",
         "Lighthouse Point", "University", "Eastbank", "Foundry Lane", "Kingsbridge", "Saltmarsh Road",
         "Harbor Heights", "Dockside", "Museum Quarter", "Westfield Park", "Brewery Row",
         "Ferry Terminal", "General Hospital", "Airport", "Chandlers Wharf", "St Anne's",
         "Cannery Row", "Beacon Hill", "Marina Gate", "Tollgate", "Rope Walk", "Fishmarket"]
M2_STOPS = ["Central Station", "Union Square", "Old Market", "Beacon Hill", "Northgate", "Kingsbridge",
            "Museum Quarter"]
HOODS = ["Eastbank", "Northgate", "Saltmarsh", "Old Town", "Dockside", "Millbrook", "Harbor Heights",
         "Westfield", "Kingsbridge", "Beacon Hill", "Cannery Row", "Marina", "Tollgate", "Southport"]
DRIVERS = ["Desmond", "Priya", "Marco", "Aisha", "Tom", "Grace", "Luis", "Fatima", "Kenji", "Olu",
           "Bernadette", "Sven", "Nadia", "Rafael", "Joanne"]

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "pt": ["segunda", "terça", "quarta", "quinta", "sexta", "sábado", "domingo"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
}

# ---------------------------------------------------------------------------------------
# Texts. Templates per language, category and tone; slots in braces.
# categories: delays, fares, access, praise, safety, jobs, brand
# ---------------------------------------------------------------------------------------

T = {
    "en": {
        "delays": {
            "neg": [
                "The {bus} to {stop} is delayed again, {mins} minutes and counting.",
                "{metro} delayed at {stop} for {mins} minutes with no announcement whatsoever.",
                "Stood at {stop} since {time} waiting for the {bus}. Two buses cancelled in a row.",
                "Another {weekday}, another delayed {tram}. {mins} minutes late into {stop}.",
                "My {time} {bus} got cancelled without a word on the app. Now I'm late for work.",
                "Breakdown on the {bus} near {stop}, everyone turfed off into the rain.",
                "Why is the {tram} always delayed between {stop} and {stop2}? It's every single morning.",
                "{metro} delays again. Packed platform at {stop} and nobody from staff around.",
                "Three {bus} buses cancelled before {time}, then two turn up together at {stop}. Classic.",
                "The {time} {tram} from {stop} was cancelled, next one is {mins} minutes away.",
                "{mins} minute delay on the {metro} and the only info is 'due to an earlier problem at {stop}'.",
                "How is a {mins} min delay on the {bus} at {stop} 'minor disruption'? Genuinely asking.",
                "Sat on a stopped {metro} train outside {stop} for {mins} minutes. Driver says it's signals.",
                "Cancelled. Again. The {bus} from {hood} is a myth at this point.",
                "Is the {bus} running today or not? Third cancelled bus at {stop} since {time}.",
                "Missed my connection at {stop} thanks to the delayed {tram}. {mins} minutes late for no reason.",
                "Board at {stop} has said {bus} in 2 min for the last {mins} minutes. Delayed or cancelled?",
                "Whoever plans the {bus} timetable in {hood} has never taken the {bus}. Delayed every day this week.",
                "The {bus} was late again. {mins} minutes at {stop} in the freezing cold.",
                "No {tram} through {stop} for {mins} minutes and zero updates.",
                "{n} delays in {n2} days on the {metro}. I'm running out of excuses for my boss.",
                "Bus breakdown blocking {hood} high street, the {bus} and the {bus2} both stuck behind it.",
                "The {night} home from {stop} cancelled at {time}. Forty minute walk in the cold it is.",
                "Got to {stop} at {time}, {bus} showed 'delayed' and then simply vanished from the board.",
            ],
            "neu": [
                "Heads up: {metro} running with delays between {stop} and {stop2}, roughly {mins} min.",
                "Looks like the {bus} is diverted around {hood} today, expect short delays near {stop}.",
                "Anyone know why the {tram} is delayed at {stop}? Been stationary a while.",
                "FYI the {time} {bus} from {stop} is cancelled, app shows the next in {mins} min.",
                "Roadworks on the {hood} bridge again, so the {bus} will be delayed all week I guess.",
                "{tram} delayed around {stop} because of a broken-down van on the tracks, moving again now.",
            ],
            "pos": [
                "Credit where it's due: {metro} on time all week. Not one delay at {stop}.",
                "The {tram} recovered from that delay at {stop} fast, only lost {n} minutes.",
                "Snow everywhere and the {bus} from {hood} still on time. No delays at all this {weekday}!",
            ],
        },
        "fares": {
            "neg": [
                "Just bought a day ticket and the {tram} never came. Can I get a refund?",
                "Ticket machine at {stop} broken for {n} days and the inspector still fined the guy next to me.",
                "Fares went up and the {bus} still turns up whenever it likes. Not worth it.",
                "Why does a single ticket from {hood} to {stop} cost more than a coffee?",
                "Contactless charged me twice on the {bus} this morning. Fares are high enough already.",
                "The app won't load my monthly ticket at {stop}, had to buy another one. Great.",
                "Ticket machine at {stop} only taking cash today. Who carries cash in {year}?",
                "Paying peak fares to stand on the {metro} from {hood} like a sardine. Lovely.",
            ],
            "neu": [
                "Is the weekly ticket valid on the {tram} and the {metro}, or only on buses?",
                "PSA: students can get half-price fares if you register before the end of the month.",
                "Do kids travel free on the {bus} at weekends or do they need a ticket?",
                "Does the day ticket from the app cover night buses like the {night}?",
                "Which is cheaper from {hood}, {n} single fares or the weekly ticket? Can't work it out.",
            ],
            "pos": [
                "Honestly the fare cap is a good deal. {n} trips today and it stopped charging me after the third.",
                "Tap-and-go on the {tram} is so much easier than the old paper tickets.",
                "Group ticket for {n} of us to {stop} was cheaper than a taxi. Nice one.",
            ],
        },
        "access": {
            "neg": [
                "Lift at {stop} out of order again, so I had to get off at {stop2} and wheel back.",
                "The wheelchair ramp on the {bus} wouldn't deploy at {stop}. Driver tried for ages, had to wait for the next one.",
                "Week {n} of the elevator at {stop} being broken. 'Step-free' station my foot.",
                "Pushing a buggy and the lift at {stop} is broken. Carried it down the stairs with a stranger's help.",
                "How is {stop} listed as accessible when the only lift has been out since {weekday}?",
                "Wheelchair space on the {tram} full of suitcases and nobody would move. Needs enforcing.",
                "The step-free route at {stop} ends at a locked gate. Who signs this off?",
                "Accessibility info on the app said the lift at {stop} was working. It was not.",
            ],
            "neu": [
                "Does anyone know if the lift at {stop} is working today? Need step-free access to the {metro}.",
                "The accessibility map doesn't show the new ramp at {stop} yet.",
                "Is the {tram} stop at {stop} wheelchair accessible from both sides or just one?",
            ],
            "pos": [
                "New step-free entrance at {stop} is brilliant, finally using the {metro} in my wheelchair without planning ahead.",
                "The {tram} ramp deployed instantly at {stop}. Accessibility done right for once.",
                "Lift at {stop} fixed within a day of me reporting it. Thank you, genuinely.",
            ],
        },
        "praise": {
            "pos": [
                "Shoutout to the driver of the {bus} this morning who waited for the lady running from {stop}.",
                "The driver on the {time} {tram} announced every stop and helped a blind passenger off at {stop}.",
                "Lovely staff at {stop} sorted out my lost ticket in two minutes. Thank you!",
                "The {bus} driver wished everyone a good {weekday} as we got off at {stop}. Small things matter.",
                "Massive thanks to the staff at {stop} who found my phone on the {metro} and kept it for me.",
                "The {bus} driver ({driver}) is the calmest human alive, handled a rowdy lot near {hood} like a pro.",
                "Whoever was driving the {time} {tram} through {hood}: you made my {weekday}. Thank you.",
                "Staff at {stop} handing out tea during the cold snap. Above and beyond.",
                "Drivers on the {bus} route deserve a medal for dealing with {hood} traffic every day.",
                "Conductor on the {tram} let a kid who'd lost his ticket ride home and just had a kind word. Respect.",
                "Our driver on the {bus} stopped to help an old man with his shopping at {stop}. Lovely to see.",
                "Shout out to {driver}, the driver on the {night}, who made sure I got home safe from {stop}.",
            ],
            "neg": [
                "Driver of the {bus} drove straight past me at {stop} while I was waving. Next one in {mins} minutes.",
                "Staff at {stop} were so rude when I asked about the {metro}. It was just a question.",
                "{bus} driver on the phone the whole way from {hood} to {stop}. Not great.",
            ],
            "neu": [
                "How do you send a compliment about a driver? Want to thank the one on the {bus} yesterday.",
                "Is there a way to find out which driver was on the {time} {bus} from {stop}? Want to say thanks.",
            ],
        },
        "safety": {
            "neg": [
                "Felt unsafe at {stop} last night, no staff and half the platform lights were out.",
                "Near-accident at {stop}: the {tram} had to brake hard when a car jumped the light.",
                "Group smoking and shouting on the {night} again. Is there any safety staff on night buses?",
                "The {bus} driver took the corner at {hood} so fast people fell over. That's a safety issue.",
                "Icy steps at {stop} this morning, someone slipped. Please grit them.",
                "Reported an incident on the {metro} at {time} and no one ever replied.",
                "The crossing by the {tram} stop at {stop} is unsafe, cars never stop for people running for the tram.",
            ],
            "neu": [
                "Police at {stop} after an incident on the {tram}, trams held for a few minutes.",
                "Noticed new safety cameras on the {bus}. Anyone know if they record audio too?",
                "Incident at {stop} earlier, platform closed for {mins} minutes, all clear now.",
            ],
            "pos": [
                "More staff on the platforms at {stop} in the evenings. Feels a lot safer now.",
                "The new lighting at {stop} makes such a difference, I don't feel unsafe waiting at night anymore.",
            ],
        },
        "jobs": {
            "neu": [
                "Harbor City Transit is hiring bus drivers again, full training and a signing bonus. Anyone tried it?",
                "HCT careers fair at {stop} on {weekday}. Worth a look if you need a job.",
                "Anyone done the HCT apprenticeship for tram maintenance? Thinking about applying.",
                "Saw a poster at {stop}: Harbor City Transit hiring {jobs_n} drivers and engineers this year.",
            ],
            "pos": [
                "Started my apprenticeship at the {hood} depot this week. Nervous but excited!",
                "Applied for a job at Harbor City Transit as a tram driver. Wish me luck.",
                "Good to see HCT hiring more engineers for the {metro} signalling upgrade.",
                "Got the job! Training starts {weekday} at the {hood} depot.",
                "My uncle drove the {bus} for 20 years and says the jobs at HCT were the best he ever had.",
            ],
            "neg": [
                "If they're short of drivers, maybe stop cancelling the {bus} and advertise the jobs properly?",
                "Why does the hiring process at Harbor City Transit take {n} months? Applied in October.",
            ],
        },
        "brand": {
            "pos": [
                "Took the {tram} from {stop} to {hood} for the first time. Not bad at all, Harbor City Transit.",
                "The new trams on the {tram} are so quiet.",
                "Honestly the {metro} is the best thing about living in {hood}.",
                "Harbor City Transit night service on the {night} got me home after the gig at {stop}.",
                "Spotted the old heritage tram on the {tram} route near {stop} today. Lovely bit of history.",
                "A week without the car and HCT has been fine. {metro} from {hood} is quicker than driving.",
            ],
            "neu": [
                "Harbor City Transit app update looks nice but the journey planner still sends me via {stop}.",
                "Every city has its transit drama. Ours is the {bus}.",
                "Is it just me or did HCT change the map design? The {metro} looks different.",
                "Who chose the seat fabric on the {bus}? Asking for a friend.",
                "Rode the whole {metro} end to end today, {mins} minutes from {stop} to {stop2}.",
                "Does HCT publish ridership numbers per line? Curious how busy the {tram} is.",
            ],
            "neg": [
                "Harbor City Transit's journey planner told me to change at {stop} for a {tram} that doesn't run on {weekday}s.",
                "The HCT app logged me out again at {stop}. Every update makes it worse.",
            ],
        },
    },
    "es": {
        "delays": {
            "neg": [
                "El {bus} lleva {mins} minutos de retraso en {stop}. Todos los días igual.",
                "Otra vez cancelado el {bus} de las {time}. Así no se puede llegar al trabajo.",
                "Retraso de {mins} minutos en la línea {metro} y ni un aviso en {stop}.",
                "Tres días seguidos con retrasos en el {bus} desde {hood}. Ya está bien.",
                "El tranvía {tram} averiado en {stop}, nos han bajado a todos. Otro retraso más.",
                "Esperando el {bus} en {stop} desde las {time}. ¿Retraso o cancelado? Nadie informa.",
                "Cada {weekday} lo mismo: retrasos en la {metro} entre {stop} y {stop2}.",
            ],
            "neu": [
                "¿Alguien sabe por qué el tranvía {tram} va con retraso entre {stop} y {stop2}?",
                "Aviso: obras en {hood}, el {bus} circula desviado y con algún retraso.",
            ],
        },
        "fares": {
            "neg": [
                "La máquina de billetes de {stop} lleva {n} días rota. ¿Cómo compro el billete?",
                "Pagar un billete sencillo de {hood} a {stop} y que el {bus} no llegue nunca. Genial.",
                "La tarifa mensual sube y el servicio del {bus} en {hood} sigue igual de mal.",
            ],
            "neu": [
                "¿La tarifa reducida para estudiantes vale también en el tranvía {tram}?",
                "¿El billete de un día sirve para los autobuses nocturnos como el {night}?",
            ],
            "pos": [
                "El billete de un día sale a cuenta si haces más de {n} viajes. Buena idea.",
            ],
        },
        "access": {
            "neg": [
                "El ascensor de {stop} sigue sin funcionar. Accesibilidad cero para quien va en silla de ruedas.",
                "La rampa del {bus} no funcionaba en {stop} y el conductor tuvo que ayudarme a subir. Gracias a él, pero falta accesibilidad.",
                "Con carrito de bebé y el ascensor de {stop} roto otra vez. ¿Dónde está la accesibilidad?",
            ],
            "pos": [
                "¡Por fin ascensor nuevo en {stop}! La accesibilidad de la {metro} mejora mucho.",
            ],
        },
        "praise": {
            "pos": [
                "El conductor del {bus} esperó a una señora mayor en {stop} y la ayudó a subir. ¡Así da gusto!",
                "Un conductor del tranvía {tram} súper amable esta mañana en {hood}. Me alegró el {weekday}.",
                "Qué paciencia tiene el conductor del {bus} con el tráfico de {hood}. Un aplauso.",
                "Gracias al conductor del {night}, que esperó a que entrara en casa antes de arrancar.",
            ],
        },
        "safety": {
            "neg": [
                "No me siento segura en {stop} por la noche. Hace falta más seguridad.",
                "Incidente en el tranvía {tram} cerca de {stop}; el personal de seguridad tardó {mins} minutos en llegar.",
            ],
            "pos": [
                "Más cámaras y más seguridad en las paradas de {hood}. Se agradece.",
            ],
        },
        "jobs": {
            "neu": [
                "Harbor City Transit busca conductores de autobús. Buena oferta de empleo si alguien está buscando.",
                "¿Alguien ha trabajado en HCT? Estoy pensando en pedir empleo como conductora de tranvía.",
            ],
            "pos": [
                "Empecé mi nuevo empleo en las cocheras de {hood} esta semana. ¡Deseadme suerte!",
            ],
        },
        "brand": {
            "pos": [
                "El nuevo tranvía {tram} es silencioso y cómodo.",
                "Sin coche desde hace un mes y con Harbor City Transit me apaño bien. La {metro} desde {hood} es rapidísima.",
                "La app de HCT ha mejorado mucho, ahora sí se ve cuándo llega el {bus}.",
            ],
            "neu": [
                "Primera vez que cojo la {metro} de Harbor City Transit, de {stop} a {stop2} en {mins} minutos.",
            ],
        },
    },
    "fr": {
        "delays": {
            "neg": [
                "Encore {mins} minutes de retard sur le {bus} à {stop}.",
                "Le {bus} de {time} annulé, le suivant dans {mins} minutes. Je vais être en retard au travail.",
                "Retards sur la ligne {metro} entre {stop} et {stop2}, aucune annonce sur le quai.",
                "Tram {tram} en panne à {stop}, tout le monde descend. Encore un retard.",
                "Troisième jour de retards sur le {bus} depuis {hood}. Ça devient pénible.",
                "Chaque {weekday} c'est pareil : retards sur la {metro} à {stop}.",
            ],
            "neu": [
                "Quelqu'un sait pourquoi le tram {tram} a du retard ce matin à {stop} ?",
                "Travaux à {hood} : le {bus} est dévié, prévoir un peu de retard.",
            ],
        },
        "fares": {
            "neg": [
                "Le distributeur de billets à {stop} est en panne depuis {n} jours. On fait comment ?",
                "Payer un billet plein tarif et attendre {mins} minutes le {bus} à {stop}…",
            ],
            "neu": [
                "Le tarif étudiant est valable sur le tram {tram} aussi ? Quelqu'un sait ?",
            ],
            "pos": [
                "Le tarif du passe journée est vraiment avantageux au-delà de {n} trajets. Bonne idée.",
            ],
        },
        "access": {
            "neg": [
                "L'ascenseur de {stop} est encore en panne. L'accessibilité pour les fauteuils roulants, c'est zéro.",
                "La rampe du {bus} ne fonctionnait pas à {stop}, le chauffeur a dû m'aider. Merci à lui, mais l'accessibilité reste un problème.",
            ],
            "pos": [
                "Nouvel ascenseur à {stop} : enfin une vraie accessibilité sur la {metro}.",
            ],
        },
        "praise": {
            "pos": [
                "Merci au chauffeur du {bus} qui a attendu une dame âgée à {stop} ce matin. Ça fait plaisir.",
                "Chauffeur du tram {tram} super sympa à {time}, il a annoncé tous les arrêts.",
                "Quelle patience, ce chauffeur du {bus} dans les bouchons de {hood}. Respect.",
                "Un grand merci au personnel de {stop}, qui m'a aidé à retrouver mon sac oublié dans la {metro}.",
            ],
        },
        "safety": {
            "neg": [
                "Je ne me sens pas en sécurité à {stop} le soir, aucun agent sur le quai.",
            ],
            "neu": [
                "Incident sur la {metro} à {stop}, trafic interrompu pendant {mins} minutes.",
            ],
            "pos": [
                "Plus d'agents et de caméras à {stop}, la sécurité s'améliore enfin.",
            ],
        },
        "jobs": {
            "neu": [
                "Harbor City Transit recrute des conducteurs de bus. Offre d'emploi intéressante si ça vous dit.",
                "Quelqu'un a postulé à un emploi chez HCT ? Les réponses prennent combien de temps ?",
            ],
            "pos": [
                "Premier jour dans mon nouvel emploi au dépôt de {hood} !",
            ],
        },
        "brand": {
            "pos": [
                "Les nouveaux trams de la ligne {tram} sont silencieux et confortables.",
                "Un mois sans voiture grâce à Harbor City Transit. La {metro} depuis {hood}, c'est imbattable.",
            ],
            "neu": [
                "Première fois sur la {metro} de Harbor City Transit : de {stop} à {stop2} en {mins} minutes.",
            ],
        },
    },
    "de": {
        "delays": {
            "neg": [
                "Schon wieder {mins} Minuten Verspätung mit der Linie {bus} an {stop}.",
                "Der Bus der Linie {bus} um {time} fällt aus, nächster in {mins} Minuten. Ausfall ohne jede Ansage.",
                "Verspätung auf der {metro} zwischen {stop} und {stop2}, keine einzige Durchsage am Bahnsteig.",
                "Tram {tram} liegengeblieben an {stop}, alle raus. Wieder eine Verspätung.",
                "Dritter Tag in Folge ein Ausfall auf der Linie {bus} ab {hood}. Langsam reicht's.",
                "Jeden {weekday} dasselbe: Verspätung auf der {metro} an {stop}.",
            ],
            "neu": [
                "Weiß jemand, warum die Tram {tram} heute früh an {stop} so viel Verspätung hat?",
                "Baustelle in {hood}: die Linie {bus} fährt eine Umleitung, mit etwas Verspätung rechnen.",
            ],
        },
        "fares": {
            "neg": [
                "Der Automat an {stop} ist seit {n} Tagen kaputt. Wie soll ich da eine Fahrkarte kaufen?",
                "Voller Fahrpreis und dann {mins} Minuten auf die Linie {bus} warten.",
            ],
            "neu": [
                "Gilt die Fahrkarte für Studierende auch in der Tram {tram}? Weiß das jemand?",
            ],
            "pos": [
                "Die Tageskarte lohnt sich ab {n} Fahrten. Fairer Fahrpreis, gut gemacht.",
            ],
        },
        "access": {
            "neg": [
                "Der Aufzug an {stop} ist schon wieder kaputt. So viel zu barrierefrei.",
                "Die Rampe im Bus der Linie {bus} ging an {stop} nicht raus, der Fahrer musste mir helfen. Danke an ihn, aber barrierefrei ist anders.",
            ],
            "pos": [
                "Neuer Aufzug an {stop}: endlich ist die {metro} dort barrierefrei.",
            ],
        },
        "praise": {
            "pos": [
                "Danke an den Fahrer der Linie {bus}, der an {stop} auf eine ältere Dame gewartet hat. So muss das.",
                "Super freundlicher Fahrer in der Tram {tram} um {time}, hat jede Haltestelle angesagt.",
                "Was für eine Geduld, der Fahrer der Linie {bus} im Stau in {hood}. Respekt.",
            ],
        },
        "safety": {
            "neg": [
                "Ich fühle mich abends an {stop} nicht sicher, kein Personal am Bahnsteig. Mehr Sicherheit bitte.",
            ],
            "pos": [
                "Mehr Personal und Kameras an {stop}, die Sicherheit ist spürbar besser.",
            ],
        },
        "jobs": {
            "neu": [
                "Harbor City Transit sucht Fahrerinnen und Fahrer. Interessantes Stellenangebot, falls jemand sucht.",
                "Hat sich schon jemand auf ein Stellenangebot bei HCT beworben? Wie lange dauert das?",
            ],
            "pos": [
                "Erster Tag im neuen Job im Betriebshof {hood}!",
            ],
        },
        "brand": {
            "pos": [
                "Die neuen Trams auf der {tram} sind leise und bequem.",
                "Seit einem Monat ohne Auto dank Harbor City Transit. Mit der {metro} aus {hood} ist man schneller.",
            ],
            "neu": [
                "Zum ersten Mal mit der {metro} von Harbor City Transit gefahren: von {stop} nach {stop2} in {mins} Minuten.",
            ],
        },
    },
    "pt": {
        "delays": {"neg": [
            "O ônibus {bus} atrasou {mins} minutos em {stop} outra vez. Assim não dá.",
            "Metrô {metro} parado em {stop} há {mins} minutos e ninguém avisa nada.",
        ]},
        "praise": {"pos": [
            "Motorista do ônibus {bus} super simpático hoje de manhã em {hood}. Obrigado!",
        ]},
        "brand": {"pos": [
            "Primeira vez usando o metrô {metro} da Harbor City Transit. Rápido e limpo.",
        ], "neu": [
            "Alguém sabe se o bilhete diário vale no bonde {tram}?",
        ]},
        "access": {"neg": [
            "O elevador de {stop} está quebrado de novo. Cadê a acessibilidade?",
        ]},
    },
    "it": {
        "delays": {"neg": [
            "Il bus {bus} in ritardo di {mins} minuti a {stop}, come sempre.",
            "Metro {metro} ferma a {stop} da {mins} minuti, nessun annuncio.",
        ]},
        "praise": {"pos": [
            "Autista gentilissimo sul tram {tram} stamattina a {hood}. Grazie!",
        ]},
        "brand": {"pos": [
            "Prima volta sulla metro {metro} di Harbor City Transit: pulita e puntuale.",
        ], "neu": [
            "Qualcuno sa se il biglietto giornaliero vale anche sul tram {tram}?",
        ]},
        "access": {"neg": [
            "L'ascensore di {stop} è di nuovo guasto. Accessibilità zero.",
        ]},
    },
}

# short additions that make similar posts read differently
OPENERS = {
    "en": {"neg": ["Ugh.", "Unbelievable.", "Seriously?", "Rant incoming:", "Again?!", "Wow.", "Right.",
                   "Not again.", "Honestly.", "Can't make this up:", "Rant:"],
           "pos": ["Aww.", "Wholesome moment:", "Good news for once:", "Small win:", "Love this."],
           "neu": ["Quick question:", "Heads up:", "FYI:", "Random one:", "Serious question:"]},
    "es": {"neg": ["En serio…", "Otra vez.", "Increíble.", "Buenos días, o no:"],
           "pos": ["¡Qué bien!", "Buenas noticias:", "Por fin:"], "neu": ["Pregunta:", "Ojo:"]},
    "fr": {"neg": ["Sérieusement…", "Encore.", "Incroyable.", "Bonjour, ou pas :"],
           "pos": ["Bonne nouvelle :", "Enfin !", "Ça fait du bien :"], "neu": ["Question :", "Info :"]},
    "de": {"neg": ["Ernsthaft?", "Mal wieder.", "Unfassbar.", "Guten Morgen, oder auch nicht:"],
           "pos": ["Endlich!", "Gute Nachricht:", "Schön:"], "neu": ["Kurze Frage:", "Info:"]},
    "pt": {"neg": ["Sério…"], "pos": ["Que bom!"], "neu": ["Pergunta:"]},
    "it": {"neg": ["Ancora."], "pos": ["Che bello!"], "neu": ["Domanda:"]},
}
CLOSERS = {
    "en": {"neg": ["Sort it out @hctransit", "Every. Single. Day.", "Not impressed.", "Fix this please, @hctransit.",
                   "Day {n} of this.", "😤", "🙄", "🤦", "😩", "@hctransit any update?", "Thanks for nothing.",
                   "Rant over.", "{weekday}s are the worst on the {bus}."],
           "pos": ["Thank you! 🙏", "💙", "Made my day.", "👏👏", "@hctransit give them a raise!", "Faith in humanity restored.",
                   "More of this please.", "😊", "🚋❤️"],
           "neu": ["Any info, @hctransit?", "Thanks in advance.", "🚌", "🤔", "Cheers."]},
    "es": {"neg": ["@hctransit 😤", "Qué desastre.", "🙄", "Ya está bien, @hctransit."],
           "pos": ["¡Gracias! 🙏", "👏", "@hctransit ❤️", "Así da gusto."], "neu": ["@hctransit", "Gracias 🙂"]},
    "fr": {"neg": ["Merci @hctransit 🙄", "Pénible.", "😤", "@hctransit ?"],
           "pos": ["Merci ! 🙏", "👏", "Bravo @hctransit"], "neu": ["@hctransit", "Merci d'avance."]},
    "de": {"neg": ["Danke, @hctransit 🙄", "Nervig.", "😤", "@hctransit?"],
           "pos": ["Danke! 🙏", "👏", "Gut gemacht, @hctransit"], "neu": ["@hctransit", "Danke vorab."]},
    "pt": {"neg": ["@hctransit 😤"], "pos": ["@hctransit 👏"], "neu": ["#hctransit"]},
    "it": {"neg": ["Grazie @hctransit 🙄"], "pos": ["@hctransit 👏"], "neu": ["#hctransit"]},
}
HASHTAGS = {
    "en": ["#hctransit", "#HarborCity", "#commute", "#publictransport", "#hctransit #HarborCity"],
    "es": ["#hctransit", "#HarborCity", "#transportepúblico"],
    "fr": ["#hctransit", "#HarborCity", "#transportsencommun"],
    "de": ["#hctransit", "#HarborCity", "#ÖPNV"],
    "pt": ["#hctransit"],
    "it": ["#hctransit"],
}

TONES = {  # tone weights per category
    "delays": {"neg": 82, "neu": 14, "pos": 4},
    "fares": {"neg": 55, "neu": 33, "pos": 12},
    "access": {"neg": 65, "neu": 20, "pos": 15},
    "praise": {"pos": 85, "neg": 10, "neu": 5},
    "safety": {"neg": 55, "neu": 30, "pos": 15},
    "jobs": {"neu": 50, "pos": 38, "neg": 12},
    "brand": {"pos": 42, "neu": 45, "neg": 13},
}

REPLY_LEADS = {
    "en": ["Same here.", "This!", "Same.", "Can confirm.", "Not just you.", "Couldn't agree more.", "Ha, been there.",
           "Same thing happened to me.", ""],
    "es": ["A mí también.", "Totalmente.", "Lo mismo me pasó a mí.", ""],
    "fr": ["Pareil.", "Tout à fait.", "Pareil pour moi.", ""],
    "de": ["Bei mir auch.", "Genau so.", "Kenne ich.", ""],
    "pt": ["Comigo também.", ""],
    "it": ["Anche a me.", ""],
}

OFFICIAL_REPLIES = {
    "en": [
        "Sorry about this. We're checking with the {hood} depot and will update you as soon as we can. ^{sig}",
        "Really sorry for the wait at {stop}. Can you DM us the time and direction so we can look into it? ^{sig}",
        "Thanks for letting us know. We've passed this on to the team for {stop}. ^{sig}",
        "Sorry for the disruption this morning. If you were more than {mins} minutes late you can claim via our website. ^{sig}",
        "Apologies, that's not the service we want to give. Could you DM us the details? ^{sig}",
        "Thanks for reporting it, our engineers are on their way to {stop}. ^{sig}",
    ],
    "es": [
        "Lamentamos las molestias. ¿Nos envías un mensaje directo con la hora y la parada? ^{sig}",
        "Disculpa la espera en {stop}. Ya lo hemos comunicado al equipo de {hood}. ^{sig}",
        "Sentimos el retraso. Estamos revisando lo ocurrido en {stop} y te contamos en cuanto sepamos algo. ^{sig}",
        "Gracias por avisar. Hemos pasado la incidencia de {stop} a nuestro equipo. ^{sig}",
    ],
}
OFFICIAL_SIGS = ["AM", "JR", "KP", "LW", "SB", "DT"]

# reddit titles per category
REDDIT_TITLES = {
    "delays": ["Is the {bus} ever on time anymore?", "{metro} delays this morning?", "PSA: {tram} delayed around {stop}",
               "Cancelled buses in {hood} every morning, who do I complain to?", "What's going on with the {bus}?",
               "Anyone else stuck at {stop} right now?"],
    "fares": ["Fare cap question", "Best ticket for commuting from {hood}?", "Ticket machine at {stop} broken again",
              "Got fined because the app wouldn't load my ticket"],
    "access": ["Lift at {stop} broken again", "Wheelchair users: how do you get around when lifts are out?",
               "Step-free access at {stop}?"],
    "praise": ["Shoutout to the driver on the {bus}", "Nice moment on the {tram} today", "Appreciation post for HCT staff"],
    "safety": ["Is {stop} safe at night?", "Incident on the {metro} last night", "Near miss with the {tram} at {stop}"],
    "jobs": ["Anyone work as a driver for HCT?", "HCT apprenticeship, worth it?", "Harbor City Transit hiring, what's the interview like?"],
    "brand": ["Unpopular opinion: Harbor City Transit is actually decent", "New trams on the {tram}",
              "HCT app update thoughts?", "Moved to {hood}, how's the transit?"],
}

HN_STORIES = [  # one submission each, on the day it happened
    (datetime(2026, 1, 5, 15, 12, 40, tzinfo=timezone.utc), "Harbor City Transit publishes a real-time GTFS feed for its buses and trams"),
    (datetime(2026, 1, 9, 17, 41, 5, tzinfo=timezone.utc), "Show HN: I mapped every Harbor City Transit delay of the last 6 years"),
    (datetime(2026, 1, 14, 16, 20, 33, tzinfo=timezone.utc), "How a single signal failure stopped a metro line (Harbor City M2 post-mortem)"),
    (datetime(2026, 1, 20, 14, 3, 12, tzinfo=timezone.utc), "Harbor City Transit is hiring software engineers for its journey planner"),
    (datetime(2026, 1, 28, 18, 29, 50, tzinfo=timezone.utc), "Harbor City Transit moves its ticketing backend to open source"),
]
HN_COMMENTS = [
    "The HCT GTFS-realtime feed is decent, but vehicle positions on the {tram} lag by a minute or so.",
    "I worked on a fare engine for a transit agency like Harbor City Transit. Every fare rule is political, the code is the easy part.",
    "Interesting that Harbor City Transit is hiring in-house engineers instead of buying another vendor app.",
    "Signal failures on lines like the {metro} usually mean old relay interlockings. Replacing them takes a decade.",
    "I commute on the {metro} from {hood}. The published delay data matches my experience, mornings are the worst.",
    "Their open data portal has had stop-level delays for {n2} years now. More agencies should do this.",
    "The HCT journey planner still can't handle the {tram} short-workings properly, someone should fix the feed.",
    "Accessibility data is the missing piece: lift status at {stop} isn't in the feed, so apps can't route around it.",
    "Worked a summer job at HCT years ago. The depot at {hood} ran on spreadsheets and goodwill.",
]

# news headlines and leads for rss
NEWS = {
    "en": {
        "delays": [("Commuters face delays on the {metro} as engineering works continue at {stop}",
                    "Harbor City Transit says trains between {stop} and {stop2} will run every {freq} minutes until {weekday}."),
                   ("Bus route {bus} diverted around {hood} for roadworks",
                    "Harbor City Transit says the diversion will last {n} weeks and may add a few minutes to journeys."),
                   ("Cancelled buses anger {hood} residents",
                    "Councillors say the {bus} was cancelled {n2} times last month as Harbor City Transit struggles with driver shortages.")],
        "fares": [("Harbor City Transit extends student fare discount",
                   "Students registered before the end of the month will pay half fare on all buses, trams and the metro."),
                  ("Ticket machines at {stop} to be replaced",
                   "Harbor City Transit says new machines accepting cards and cash will be installed within {n} weeks.")],
        "access": [("New lift opens at {stop} station",
                    "The lift makes {stop} step-free from street to platform for the first time, Harbor City Transit said."),
                   ("Disability campaigners criticise broken lifts on the metro",
                    "Campaigners say the lift at {stop} has been out of service for {n} weeks, making the station inaccessible to wheelchair users.")],
        "safety": [("Extra staff at {stop} after rise in antisocial behaviour",
                    "Harbor City Transit says uniformed staff will patrol the station every evening to improve safety."),
                   ("Tram collides with car near {stop}, no serious injuries",
                    "The {tram} was held for {mins} minutes after the incident, Harbor City Transit said.")],
        "jobs": [("Harbor City Transit launches recruitment drive for {jobs_n} bus drivers",
                  "The agency is hiring drivers, engineers and apprentices, with paid training at its {hood} depot."),
                 ("Transit apprenticeships open for applications",
                  "Harbor City Transit says it will take on {n2}0 apprentices this year across maintenance and signalling.")],
        "brand": [("Harbor City Transit ridership up {n}% on last year",
                   "More than {n2}0 million journeys were made on buses, trams and the metro, the agency said."),
                  ("Heritage tram returns to the {tram} for the weekend",
                   "Harbor City Transit is running its restored 1950s tram between {stop} and {stop2}.")],
    },
    "es": {
        "delays": [("Retrasos en la {metro} por obras en {stop}",
                    "Harbor City Transit aconseja salir con tiempo: los trenes pasarán cada {freq} minutos.")],
        "jobs": [("Harbor City Transit abre {jobs_n} puestos de empleo para conductores",
                  "La empresa ofrece formación pagada en las cocheras de {hood}.")],
        "fares": [("Harbor City Transit amplía la tarifa reducida para estudiantes",
                   "Los estudiantes pagarán la mitad del billete en autobús, tranvía y metro.")],
    },
    "fr": {
        "delays": [("Retards sur la {metro} : travaux à {stop}",
                    "Harbor City Transit annonce un train toutes les {freq} minutes jusqu'à {weekday}.")],
        "jobs": [("Harbor City Transit recrute {jobs_n} conducteurs",
                  "Une campagne pour l'emploi avec formation rémunérée au dépôt de {hood}.")],
    },
}
OUTLETS = {
    "en": [("harborcity-gazette.example", "Harbor City Gazette"), ("harbor-herald.example", "The Harbor Herald"),
           ("eastbank-echo.example", "Eastbank Echo"), ("cityline-radio.example", "Cityline Radio")],
    "es": [("elfaro-harbor.example", "El Faro de Harbor City")],
    "fr": [("courrier-du-port.example", "Le Courrier du Port")],
}

# ---------------------------------------------------------------------------------------
# The three events of the month
# ---------------------------------------------------------------------------------------

SIGNAL_DAY = datetime(2026, 1, 13, 7, 6, tzinfo=timezone.utc)    # M2 signal failure, Tuesday morning
VIRAL_AT = datetime(2026, 1, 22, 17, 41, tzinfo=timezone.utc)    # praise for a driver goes viral, Thursday
FARES_AT = datetime(2026, 1, 27, 10, 0, tzinfo=timezone.utc)     # fare increase announced, Tuesday

SIGNAL = {
    "en": [
        "M2 at a standstill because of a signal failure at Union Square. {mins} minutes stuck at {m2stop}.",
        "How long is this M2 delay going to last? On the platform at {m2stop} since {time}.",
        "Signal failure on the M2 and the replacement buses are nowhere to be seen. Massive delays.",
        "Walked from {m2stop} to {hood} because the M2 is dead. Late for work, thanks HCT.",
        "Half of {hood} trying to squeeze onto the {bus} because of the M2 delays. Chaos.",
        "M2 signal failure means my {time} meeting is cancelled. Love that for me.",
        "Platform at {m2stop} is dangerously overcrowded, someone is going to get hurt. Unsafe.",
        "Not one announcement at {m2stop} about the M2 delays for {mins} minutes. Staff as confused as us.",
        "It's {time} and the M2 is still not moving. Worst commute this winter.",
        "Stuck in a tunnel between {m2stop} and {m2stop2} for {mins} minutes. Signal failure apparently.",
        "Queue for the replacement bus at {m2stop} goes round the block. Delays everywhere.",
        "Taxi from {hood} cost me a fortune because of the M2 delays. Who's paying for that?",
        "Been on the M2 since {time}, moved one station. One.",
        "Three trains held at {m2stop} and nobody knows anything. M2 delays are a joke today.",
        "Kids late for school, me late for work. M2 signal failure at {time} on a {weekday}. Brilliant.",
        "Every screen at {m2stop} just says 'delayed'. That's all we get?",
    ],
    "neu": [
        "M2 delays update: trains moving again from {m2stop}, still very busy.",
        "If you're heading to {m2stop}, take the {tram} instead, the M2 is delayed after a signal failure.",
        "Replacement buses finally running between Central Station and Northgate, expect delays.",
    ],
    "es": [
        "Fallo de señalización en la M2 y llevamos {mins} minutos parados en {m2stop}. Retraso enorme.",
        "La M2 parada desde las {time}. Hoy llego tarde seguro, vaya retraso.",
    ],
    "fr": [
        "Panne de signalisation sur la M2, {mins} minutes de retard à {m2stop}.",
        "La M2 bloquée depuis {time}. Retard monstre ce matin.",
    ],
    "de": [
        "Signalstörung auf der M2, schon {mins} Minuten Verspätung in {m2stop}.",
        "M2 steht seit {time}. Riesige Verspätung heute früh.",
    ],
}
SIGNAL_OFFICIAL = [
    (0, "Service update: M2 suspended between Central Station and Northgate due to a signal failure at Union Square. Replacement buses are on their way. Tickets are accepted on buses 14 and 22."),
    (38, "M2 update: engineers are on site at Union Square. Replacement buses now running every 5 minutes from Central Station. Expect delays across the network."),
    (95, "M2 update: trains are running again between Central Station and Northgate with delays. Thank you for your patience."),
    (180, "M2 is back to a good service. We're very sorry for the delays this morning. If your journey was delayed by more than 15 minutes you can claim a refund on our website."),
]
VIRAL_TEXT = ("The driver of the 42 (his name is Desmond) saw a woman in a wheelchair stuck at Saltmarsh Road because "
              "the ramp wouldn't come out, got off in the pouring rain, lifted her chair on himself and then waited at "
              "her stop to help her off. Absolute legend. @hctransit give this man a raise 👏")
VIRAL = {
    "en": [
        "This is the kind of driver every city needs. Give Desmond a raise, @hctransit.",
        "Desmond on the 42 is a legend. This is what public service looks like.",
        "Crying at this. Bus drivers don't get nearly enough credit.",
        "I ride the 42 from {hood} every day, Desmond is always this kind. So happy he's getting recognition.",
        "Stories like Desmond's are why I still love #hctransit despite all the delays.",
        "Lovely story, but maybe fix the wheelchair ramps so drivers don't have to lift chairs by hand?",
        "My nan takes the 42 to {stop} every {weekday} and talks about 'the nice driver'. Pretty sure it's Desmond.",
        "The driver of the 42 deserves a medal. Hope his manager has seen this.",
        "Desmond for mayor. The 42 driver we don't deserve.",
        "Not often a bus driver trends in Harbor City. Well deserved, Desmond.",
        "Bus drivers put up with so much. Glad the 42 driver is getting some love today.",
        "I used to drive the {bus} out of the {hood} depot. Drivers like Desmond are the heart of the place.",
        "Can we get the ramps on the 42 fixed though? That wheelchair user shouldn't have needed the driver to lift her.",
        "Just saw the Desmond story, the driver of the 42 is what #hctransit should be about.",
    ],
    "es": ["Qué gran conductor. Desmond, de la línea 42, es un ejemplo para todos.",
           "Esto es servicio público de verdad. Gracias, Desmond.",
           "Cojo el 42 en {hood} cada {weekday} y no me extraña nada: ese conductor es un amor.",
           "Ojalá todos los conductores fueran como Desmond. Un aplauso desde {hood}.",
           "Un conductor que se baja bajo la lluvia para ayudar a una mujer en silla de ruedas. Chapó, Desmond."],
    "fr": ["Quel chauffeur ! Desmond, de la ligne 42, mérite une médaille.",
           "Le chauffeur du 42 qui porte un fauteuil roulant sous la pluie… Chapeau, Desmond.",
           "Je prends le 42 à {hood} tous les jours, ce chauffeur est toujours adorable.",
           "Si tous les chauffeurs étaient comme Desmond… Bravo depuis {hood}."],
    "de": ["Was für ein Fahrer! Desmond von der Linie 42 verdient eine Gehaltserhöhung.",
           "So geht Dienst am Fahrgast. Danke, Desmond.",
           "Ich fahre jeden {weekday} mit der 42 ab {hood}, der Fahrer ist immer so freundlich.",
           "Ein Fahrer, der im Regen aussteigt und einen Rollstuhl in den Bus hebt. Respekt, Desmond."],
    "pt": ["Que motorista incrível! O Desmond da linha 42 merece um aumento. @hctransit",
           "Isso é serviço público de verdade. Parabéns, Desmond! @hctransit"],
    "it": ["Che autista fantastico! Desmond della linea 42 merita un aumento. @hctransit",
           "Questo è vero servizio pubblico. Bravo Desmond! @hctransit"],
}
VIRAL_OFFICIAL = ("We're so proud of Desmond, one of our drivers at the Saltmarsh depot for 14 years. Thank you all for the "
                  "kind words, we've passed every one of them on to him 💙 And yes, we're checking the ramp on that bus.")
FARES_OFFICIAL = ("Fares will rise by 8% from 1 March to fund more frequent trams and new buses. Concession and student "
                  "fares are frozen, and the daily fare cap stays the same. Details on our website.")
FARES = {
    "en": [
        "8% fare increase while the {bus} is cancelled every other day? Absolutely not.",
        "So fares go up 8% in March and the {metro} still can't run on time. Make it make sense.",
        "My monthly ticket going up again. That's {n} rises in {n2} years.",
        "Fare rise of 8% for the same delayed service. Driving is starting to look cheaper.",
        "At least concession fares are frozen. Still, 8% is a lot for people in {hood}.",
        "Expected the fare increase after the budget news. Still hurts.",
        "8% more for a ticket and the lift at {stop} has been broken for weeks. Priorities.",
        "Fares up 8%, wages up nothing. Walking from {hood} it is.",
        "If the fare increase actually pays for more trams on the {tram}, fine. Big if.",
        "The fare cap staying the same is the only good bit of this announcement.",
        "Petition against the fare increase already has thousands of signatures. Link in the replies.",
        "Just worked it out: the fare increase costs me an extra week of lunches a year.",
        "Pay 8% more to stand on the {bus} from {hood}. Lovely.",
        "Fare rise announced in the same week the {metro} had {n} delays. Timing.",
    ],
    "neu": [
        "Fare increase explained: singles, day tickets and monthly passes up 8% from 1 March, concessions unchanged.",
        "Does the 8% fare increase apply to annual tickets bought before March?",
        "Worth buying your monthly ticket before 1 March if you can, the fare increase kicks in after.",
    ],
    "es": ["¿Subida de tarifa del 8 % y el {bus} sigue llegando tarde? Vaya broma.",
           "Otra subida de tarifa. El billete mensual ya no hay quien lo pague."],
    "fr": ["Hausse de 8 % du tarif au 1er mars… et toujours autant de retards sur la {metro}. Sérieusement ?",
           "Le billet augmente encore. Le tarif étudiant reste gelé, au moins."],
    "de": ["8 % höherer Fahrpreis ab März, aber die {metro} hat trotzdem jeden Tag Verspätung. Ernsthaft?",
           "Schon wieder ein höherer Fahrpreis. Die Monatskarte wird langsam unbezahlbar."],
}

# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def pick(weights):
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def fmt_time(t, language):
    t = t - timedelta(minutes=rng.randint(3, 45))
    if language == "en":
        return f"{t.hour}:{t.minute:02d}"
    if language == "fr":
        return f"{t.hour}h{t.minute:02d}"
    return f"{t.hour:02d}:{t.minute:02d}"


def slots(t, language):
    stop, stop2 = rng.sample(STOPS, 2)
    m2, m22 = rng.sample(M2_STOPS, 2)
    bus, bus2 = rng.sample(BUSES, 2)
    return {
        "bus": bus, "bus2": bus2, "night": rng.choice(NIGHT_BUSES), "tram": rng.choice(TRAMS),
        "metro": rng.choice(METROS), "stop": stop, "stop2": stop2, "m2stop": m2, "m2stop2": m22,
        "hood": rng.choice(HOODS), "mins": rng.choice([8, 10, 12, 15, 17, 18, 20, 22, 25, 27, 30, 35, 40, 45, 50]),
        "time": fmt_time(t, language), "weekday": WEEKDAYS[language][t.weekday()],
        "driver": rng.choice(DRIVERS), "n": rng.randint(2, 6), "n2": rng.randint(3, 9),
        "freq": rng.choice([8, 10, 12, 15]), "jobs_n": rng.choice([120, 150, 200, 250]), "year": t.year,
        "sig": rng.choice(OFFICIAL_SIGS),
    }


def fill(template, t, language):
    return template.format(**slots(t, language))


SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])\s+")
text_counts = Counter()
sentence_counts = Counter()


def varied(make, tries=40):
    """Call make() until the text is not over-used, so that the sample reads like many people."""
    text = None
    for _ in range(tries):
        text = make()
        if text_counts[text] >= 2:
            continue
        long_sentences = [s for s in SENTENCE_SPLIT.split(text) if len(s) >= 30]
        if any(sentence_counts[s] >= 4 for s in long_sentences):
            continue
        break
    text_counts[text] += 1
    for s in SENTENCE_SPLIT.split(text):
        if len(s) >= 30:
            sentence_counts[s] += 1
    return text


def dress(core, t, language, tone, source, hashtag_rate=0.3):
    """Opener, closer and hashtag around a core sentence, in the manner of the source."""
    parts = []
    if rng.random() < 0.22 and OPENERS[language].get(tone):
        parts.append(fill(rng.choice(OPENERS[language][tone]), t, language))
    parts.append(core)
    social = source in ("x", "bluesky", "mastodon")
    if social and rng.random() < 0.5 and CLOSERS[language].get(tone):
        parts.append(fill(rng.choice(CLOSERS[language][tone]), t, language))
    elif social and rng.random() < 0.25 and "@hctransit" not in core:
        parts.insert(0, "@hctransit")
    if social and rng.random() < hashtag_rate:
        parts.append(rng.choice(HASHTAGS[language]))
    text = " ".join(parts)
    if source == "mastodon" and rng.random() < 0.5 and "#" not in text:
        text += "\n\n" + rng.choice(["#HarborCity #hctransit", "#hctransit"] +
                                    (["#ÖPNV #HarborCity"] if language == "de" else
                                     ["#transit #HarborCity", "#publictransport"] if language == "en" else []))
    return text


TONE_OF = {}   # text -> tone, so that replies can agree with the post they answer


def core_text(t, language, category, tone):
    pool = T[language].get(category, {})
    if tone not in pool:
        tone = next(iter(pool)) if pool else None
    if tone is None:  # language without that category: fall back to a brand post
        category = "brand"
        pool = T[language]["brand"]
        tone = rng.choice(list(pool))
    return fill(rng.choice(pool[tone]), t, language), tone


def remember_tone(text, tone):
    TONE_OF[text] = tone
    return text


# ---------------------------------------------------------------------------------------
# Authors
# ---------------------------------------------------------------------------------------

FIRST = {
    "en": ["Sam", "Jess", "Liam", "Chloe", "Dan", "Amira", "Tom", "Priya", "Kev", "Hannah", "Marcus", "Zoe", "Ollie",
           "Leah", "Jamal", "Rosie", "Ben", "Niamh", "Callum", "Maya", "Ade", "Sophie", "Ryan", "Erin", "Joe", "Tasha",
           "Connor", "Ellie", "Dev", "Grace", "Mo", "Holly", "Ravi", "Kate", "Nathan", "Abi", "Luke", "Imogen", "Femi",
           "Beth", "Harry", "Yasmin", "Alex", "Megan", "Will", "Lottie", "Kieran", "Aisling", "Tariq", "Freya"],
    "es": ["Lucía", "Javier", "Carmen", "Diego", "Sofía", "Alejandro", "Valeria", "Mateo", "Paula", "Andrés", "Elena",
           "Carlos", "Marta", "Pablo", "Camila", "Raúl"],
    "fr": ["Camille", "Julien", "Léa", "Thomas", "Chloé", "Antoine", "Manon", "Hugo", "Inès", "Mathieu", "Élodie",
           "Nicolas"],
    "de": ["Lena", "Jonas", "Anna", "Felix", "Laura", "Lukas", "Marie", "Tobias", "Sophie", "Jan", "Katrin", "Moritz"],
    "pt": ["João", "Ana", "Pedro", "Beatriz", "Rafael", "Mariana"],
    "it": ["Giulia", "Luca", "Francesca", "Marco", "Chiara", "Matteo"],
}
LAST = {
    "en": ["Carter", "Nguyen", "O'Brien", "Patel", "Walsh", "Okafor", "Hughes", "Reid", "Khan", "Murphy", "Bennett",
           "Clarke", "Adeyemi", "Price", "Doyle", "Fraser", "Ali", "Sullivan", "Hart", "Bishop"],
    "es": ["García", "Martínez", "López", "Sánchez", "Romero", "Navarro", "Torres", "Ruiz"],
    "fr": ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre", "Girard", "Roux"],
    "de": ["Müller", "Schmidt", "Becker", "Wagner", "Hoffmann", "Schulz", "Krüger", "Wolf"],
    "pt": ["Silva", "Santos", "Oliveira", "Costa"],
    "it": ["Rossi", "Bianchi", "Romano", "Ricci"],
}
WORDS = ["harbor", "tram", "bus", "commuter", "eastbank", "dockside", "pier", "gull", "rainy", "night", "coffee",
         "bike", "metro", "saltmarsh", "beacon", "ferry", "fog", "lighthouse", "northgate", "millbrook"]
MASTODON_INSTANCES = {"en": ["mastodon.social", "harbor.social", "mas.to", "toot.community", "social.coop"],
                      "de": ["chaos.social", "det.social", "norden.social", "mastodon.social"],
                      "fr": ["piaille.fr", "mastodon.social", "framapiaf.org"],
                      "es": ["mastodon.social", "masto.es"], "pt": ["mastodon.social"], "it": ["mastodon.uno"]}


def ascii_fold(s):
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().replace("'", "")


def follower_count():
    r = rng.random()
    if r < 0.78:
        return int(rng.lognormvariate(math.log(90), 1.0)) % 500 + rng.randint(0, 5)
    if r < 0.97:
        return int(rng.lognormvariate(math.log(1200), 0.8)) % 12000 + 500
    return int(rng.lognormvariate(math.log(4000), 0.6)) % 15000 + 2000


used_handles = set()


def make_handle(source, language):
    for _ in range(100):
        first = rng.choice(FIRST[language])
        last = rng.choice(LAST[language])
        f, l = ascii_fold(first).lower(), ascii_fold(last).lower()
        style = rng.randint(0, 5)
        if style == 0:
            h = f"{f}{l}{rng.randint(1, 99)}"
        elif style == 1:
            h = f"{f}_{rng.choice(WORDS)}"
        elif style == 2:
            h = f"{rng.choice(WORDS)}{rng.choice(WORDS)}{rng.randint(1, 999)}"
        elif style == 3:
            h = f"{f[0]}{l}"
        elif style == 4:
            h = f"{f}.{l}" if source in ("bluesky", "mastodon") else f"{f}_{l}"
        else:
            h = f"{rng.choice(WORDS)}_{f}"
        display = rng.choice([f"{first} {last}", first, f"{first} {last[0]}.", f"{first} 🚋", h])
        if source == "reddit":
            h = rng.choice([f"{rng.choice(WORDS).capitalize()}{rng.choice(WORDS).capitalize()}{rng.randint(10, 9999)}",
                            f"{f}_{rng.choice(WORDS)}_{rng.randint(1, 99)}", f"throwaway_{rng.choice(WORDS)}{rng.randint(1, 999)}"])
            display = None
        elif source == "hackernews":
            h = rng.choice([f"{f}{l[:2]}", f"{rng.choice(WORDS)}{rng.randint(1, 99)}", f"{f[0]}{l}", f"{rng.choice(WORDS)}_{rng.choice(WORDS)}"])
            display = None
        elif source == "bluesky":
            h = f"{h.replace('_', '-').replace('.', '-')}.bsky.social"
        elif source == "mastodon":
            h = f"{h.replace('.', '_')}@{rng.choice(MASTODON_INSTANCES[language])}"
        elif source == "youtube":
            h = h.replace(".", "_")
        if h not in used_handles:
            used_handles.add(h)
            return h, display
    raise RuntimeError("no free handle")


def profile_url(source, handle):
    if source == "x":
        return f"https://x.com/{handle}"
    if source == "reddit":
        return f"https://www.reddit.com/user/{handle}/"
    if source == "mastodon":
        user, instance = handle.split("@")
        return f"https://{instance}/@{user}"
    if source == "bluesky":
        return f"https://bsky.app/profile/{handle}"
    if source == "youtube":
        return f"https://www.youtube.com/@{handle}"
    if source == "hackernews":
        return f"https://news.ycombinator.com/user?id={handle}"
    return None


def author(source, handle, display, followers):
    a = {"handle": handle}
    if display:
        a["displayName"] = display
    if followers is not None:
        a["followers"] = followers
    url = profile_url(source, handle)
    if url:
        a["profileUrl"] = url
    return a


SOURCES = {"x": 40, "reddit": 17, "mastodon": 12, "bluesky": 13, "youtube": 6, "rss": 8, "hackernews": 2}
LANGS = {
    "x": {"en": 66, "es": 15, "fr": 7, "de": 6, "pt": 3, "it": 3},
    "reddit": {"en": 95, "es": 3, "de": 2},
    "mastodon": {"en": 46, "de": 28, "fr": 18, "es": 4, "it": 2, "pt": 2},
    "bluesky": {"en": 74, "es": 8, "fr": 5, "de": 5, "pt": 2, "it": 2},
    "youtube": {"en": 72, "es": 16, "pt": 6, "it": 6},
    "rss": {"en": 84, "es": 10, "fr": 6},
    "hackernews": {"en": 100},
}
POOL_SIZES = {"x": 200, "reddit": 90, "mastodon": 60, "bluesky": 80, "youtube": 60, "hackernews": 25}

pools = defaultdict(list)   # (source, language) -> [author dict]
for source, size in POOL_SIZES.items():
    for language, share in LANGS[source].items():
        for _ in range(max(3, round(size * share / 100))):
            h, d = make_handle(source, language)
            followers = None if source == "hackernews" else follower_count()
            if source == "youtube":
                followers = min(followers, 3000)
            pools[(source, language)].append(author(source, h, d, followers))
# recurring authors: the first ones of each pool post far more often than the last
POOL_WEIGHTS = {key: [1.0 / (i + 1) ** 0.9 for i in range(len(p))] for key, p in pools.items()}

NOTABLE = {  # local journalists, outlets and influencers
    "x": [author("x", "harborgazette", "Harbor City Gazette", 182400), author("x", "maria_okafor_news", "María Okafor", 41200),
          author("x", "hc_commuter", "Harbor City Commuter", 27800), author("x", "citylineradio", "Cityline Radio", 64100),
          author("x", "eastbankecho", "Eastbank Echo", 21300)],
    "bluesky": [author("bluesky", "jdaniels.bsky.social", "Jo Daniels", 31500),
                author("bluesky", "harborherald.bsky.social", "The Harbor Herald", 48700)],
    "mastodon": [author("mastodon", "gazette@harbor.social", "Harbor City Gazette", 20600)],
    "youtube": [author("youtube", "HarborRailFan", "Harbor Rail Fan", 118000)],
}
OFFICIAL = {"x": author("x", "hctransit", "Harbor City Transit", 84300),
            "bluesky": author("bluesky", "hctransit.bsky.social", "Harbor City Transit", 12900),
            "mastodon": author("mastodon", "hctransit@harbor.social", "Harbor City Transit", 6100)}
CARE = author("x", "hctransit_help", "HCT Customer Care", 23700)


OUTLET_ACCOUNTS = {"harborgazette": "harborcity-gazette.example", "citylineradio": "cityline-radio.example",
                   "eastbankecho": "eastbank-echo.example", "harborherald.bsky.social": "harbor-herald.example",
                   "gazette@harbor.social": "harborcity-gazette.example"}


def outlet_post(domain, t, category):
    """What a news outlet posts on a social source: a headline and a link to the article."""
    options = NEWS["en"]
    h, _lead = rng.choice(options.get(category) or options["brand"])
    short = "".join(rng.choice(B36) for _ in range(6))
    return f"{h.format(**slots(t, 'en'))} https://{domain}/s/{short}"


def pick_author(source, language):
    if source in NOTABLE and rng.random() < 0.03:
        return rng.choice(NOTABLE[source])
    key = (source, language)
    if key not in pools:
        key = (source, "en")
    return rng.choices(pools[key], weights=POOL_WEIGHTS[key])[0]


# ---------------------------------------------------------------------------------------
# Ids and permalinks
# ---------------------------------------------------------------------------------------

B36 = "0123456789abcdefghijklmnopqrstuvwxyz"
TID = "234567abcdefghijklmnopqrstuvwxyz"
YT = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"
used_ids = set()


def base36(n):
    s = ""
    while n:
        n, r = divmod(n, 36)
        s = B36[r] + s
    return s or "0"


def ms(t):
    return int(t.timestamp() * 1000)


def x_id(t):
    return str(((ms(t) + rng.randint(0, 999) - 1288834974657) << 22) | (rng.randint(0, 1023) << 12) | rng.randint(0, 4095))


def mastodon_id(t):
    return str(((ms(t) + rng.randint(0, 999)) << 16) | rng.randint(0, 65535))


def bluesky_rkey(t):
    n = ((int(t.timestamp()) * 1_000_000 + rng.randint(0, 999_999)) << 10) | rng.randint(0, 31)
    out = ""
    for _ in range(13):
        out = TID[n & 31] + out
        n >>= 5
    return out


def reddit_id(t):  # reddit ids grow with time; early 2026 posts are around 1q..., comments around n...
    days = (t - FIRST_DAY).total_seconds() / 86400
    return base36(int(int("1q00000", 36) + days * 190_000 + rng.randint(0, 180_000)))


def reddit_comment_id(t):
    days = (t - FIRST_DAY).total_seconds() / 86400
    return base36(int(int("nz00000", 36) + days * 2_400_000 + rng.randint(0, 2_300_000)))


def hn_id(t):
    days = (t - FIRST_DAY).total_seconds() / 86400
    return str(int(46_430_000 + days * 15_500 + rng.randint(0, 15_000)))


def yt_comment_id():
    return rng.choice(["Ugx", "Ugz", "Ugw", "UgyK"])[:3] + "".join(rng.choice(YT) for _ in range(20)) + "4AaABAg"


def slugify(text, sep="_", words=9):
    folded = ascii_fold(text).lower()
    return sep.join(re.findall(r"[a-z0-9]+", folded)[:words])


YT_VIDEOS = {
    "general": ["dQ4hK7cT2pA", "Lr8vN3xWq0E"],     # tram line ride-along, "every metro station" vlog
    "signal": ["m2Sg7Fw1xKc"],                     # local news clip on the M2 signal failure
    "viral": ["Ds42Rn9aVbE"],                      # interview with the driver of the 42
    "fares": ["FrX8pc0kT3Q"],                      # fare increase explained
}

# ---------------------------------------------------------------------------------------
# Timeline
# ---------------------------------------------------------------------------------------

WEEKDAY_HOURS = [0.3, 0.2, 0.12, 0.1, 0.15, 0.5, 2.0, 4.6, 5.6, 3.4, 2.4, 2.3, 2.6, 2.4, 2.4, 3.0, 4.2, 5.0, 4.0, 2.8,
                 2.2, 1.8, 1.2, 0.7]
WEEKEND_HOURS = [0.7, 0.6, 0.35, 0.2, 0.15, 0.2, 0.4, 0.8, 1.4, 2.0, 2.6, 3.0, 3.2, 3.2, 3.0, 2.9, 2.8, 2.7, 2.5, 2.3,
                 2.0, 1.7, 1.3, 1.0]
CATEGORIES = {"delays": 27, "fares": 12, "access": 9, "praise": 13, "safety": 7, "jobs": 6, "brand": 26}


def category_for(hour, weekend):
    w = dict(CATEGORIES)
    if not weekend and hour in (7, 8, 9, 16, 17, 18):
        w["delays"] *= 1.7
    if hour >= 21 or hour < 5:
        w["safety"] *= 2.5
        w["jobs"] *= 0.3
    if weekend:
        w["brand"] *= 1.4
        w["delays"] *= 0.7
    return pick(w)


def random_time(day, hours):
    hour = rng.choices(range(24), weights=hours)[0]
    return day + timedelta(hours=hour, minutes=rng.randint(0, 59), seconds=rng.randint(0, 59))


INGEST_DELAY = {"x": (5, 180), "reddit": (60, 600), "mastodon": (10, 300), "bluesky": (3, 120), "youtube": (300, 2700),
                "rss": (120, 1800), "hackernews": (60, 900)}

mentions = []
by_source = defaultdict(list)   # source -> mentions, in generation order (used to find parents)


def engagement(source, followers, boost=1.0, official=False):
    if source == "rss":
        return {"likes": 0, "shares": 0, "replies": 0}
    if source in ("reddit", "hackernews"):
        likes = int(rng.lognormvariate(math.log(6), 1.1) * boost)
    else:
        f = followers or 50
        likes = int(f * rng.lognormvariate(math.log(0.015), 0.9) * boost + rng.random() * 3)
    if official:
        likes = int(likes * 0.6)
    shares = int(likes * rng.uniform(0.05, 0.3)) if source not in ("reddit", "hackernews", "youtube") else 0
    replies = int(likes * rng.uniform(0.05, 0.25) + (rng.random() < 0.3))
    return {"likes": likes, "shares": shares, "replies": replies}


def emit(source, t, text, language, auth, boost=1.0, reply_to=None, native=None, url=None, official=False,
         category=None, tone=None):
    lo, hi = INGEST_DELAY[source]
    delay = rng.randint(lo, hi)
    latest = ANCHOR - timedelta(seconds=delay)
    if t > latest:
        t = latest
    if t < FIRST_DAY:
        t = FIRST_DAY + timedelta(seconds=rng.randint(0, 600))
    handle = auth["handle"]
    if native is None:
        if source == "x":
            native = x_id(t)
            url = f"https://x.com/{handle}/status/{native}"
        elif source == "mastodon":
            native = mastodon_id(t)
            user, instance = handle.split("@")
            url = f"https://{instance}/@{user}/{native}"
        elif source == "bluesky":
            native = bluesky_rkey(t)
            url = f"https://bsky.app/profile/{handle}/post/{native}"
        elif source == "hackernews":
            native = hn_id(t)
            url = f"https://news.ycombinator.com/item?id={native}"
    if native in used_ids:
        return None
    used_ids.add(native)
    m = {
        "schemaVersion": 1,
        "id": f"{source}:{native}",
        "source": source,
        "nativeId": native,
        "url": url,
        "text": text,
        "author": auth,
        "publishedAt": iso(t),
        "ingestedAt": iso(t + timedelta(seconds=delay)),
        "language": language,
        "engagement": engagement(source, auth.get("followers"), boost, official),
    }
    if reply_to:
        m["inReplyTo"] = reply_to
    m["matchedBy"] = "demo"
    m["topics"] = []
    m["departments"] = []
    m["_t"] = t
    m["_category"] = category
    m["_tone"] = tone
    mentions.append(m)
    by_source[source].append(m)
    return m


def social_post(source, t, language, category, boost=1.0, text=None, tone=None):
    """A post, or with some probability a reply to an earlier post of the same source."""
    auth = pick_author(source, language)
    parent = None
    if source in ("x", "mastodon", "bluesky") and rng.random() < 0.14:
        recent = [p for p in by_source[source][-150:] if p["_t"] < t and p["_t"] > t - timedelta(hours=36)
                  and p["author"]["handle"] != auth["handle"] and not p["text"].startswith("RT @")
                  and p["author"]["handle"] not in OUTLET_ACCOUNTS]
        if recent:
            parent = rng.choices(recent, weights=[1 + p["engagement"]["likes"] for p in recent])[0]
            language = parent["language"]
            category = parent["_category"] or category
            auth = pick_author(source, language)
    if text is None and parent is None and auth["handle"] in OUTLET_ACCOUNTS:
        text = varied(lambda: outlet_post(OUTLET_ACCOUNTS[auth["handle"]], t, category))
        language = "en"
    if text is None:
        def make():
            wanted = tone or (parent["_tone"] if parent is not None and parent["_tone"] else pick(TONES[category]))
            core, tn = core_text(t, language, category, wanted)
            if parent is not None:
                lead = fill(rng.choice(REPLY_LEADS[language]), t, language) if tn == "neg" == parent["_tone"] else ""
                body = (lead + " " + core).strip()
                if source == "x":
                    body = f"@{parent['author']['handle']} " + body
                return remember_tone(body, tn)
            return remember_tone(dress(core, t, language, tn, source), tn)
        text = varied(make)
    return emit(source, t, text, language, auth, boost, reply_to=parent["nativeId"] if parent else None,
                category=category, tone=TONE_OF.get(text))


reddit_posts = []


def reddit_item(t, language, category, boost=1.0, core=None):
    posts = [p for p in reddit_posts if p["_t"] < t - timedelta(minutes=5) and p["_t"] > t - timedelta(days=3)
             and p["language"] == language
             and (p["_category"] == category or rng.random() < 0.2)]
    if posts:
        category = posts[-1]["_category"] if rng.random() < 0.5 else category
    auth = pick_author("reddit", language)
    tone = pick(TONES[category])
    if posts and rng.random() < 0.65:
        parent = rng.choice(posts[-12:])
        language = parent["language"]
        category = parent["_category"]
        if tone not in TONES[category]:
            tone = pick(TONES[category])

        def make():
            c = core or core_text(t, language, category, tone)[0]
            lead = fill(rng.choice(REPLY_LEADS[language]), t, language) if tone == "neg" and rng.random() < 0.4 else ""
            return (lead + " " + c).strip()
        text = varied(make)
        cid = reddit_comment_id(t)
        post_id = parent["nativeId"][3:]
        url = f"https://www.reddit.com/r/harborcity/comments/{post_id}/{parent['_slug']}/{cid}/"
        return emit("reddit", t, text, language, auth, boost, reply_to=parent["nativeId"], native=f"t1_{cid}",
                    url=url, category=category)

    def make_post():
        title = fill(rng.choice(REDDIT_TITLES[category]), t, "en") if language == "en" else None
        body = core or core_text(t, language, category, tone)[0]
        if rng.random() < 0.5:
            more = core_text(t, language, category, tone)[0]
            if more.split()[:3] != body.split()[:3]:
                body += " " + more
        return f"{title}\n\n{body}" if title else body
    text = varied(make_post)
    pid = reddit_id(t)
    slug = slugify(text.split("\n")[0]) or "post"
    m = emit("reddit", t, text, language, auth, boost, native=f"t3_{pid}",
             url=f"https://www.reddit.com/r/harborcity/comments/{pid}/{slug}/", category=category)
    if m:
        m["_slug"] = slug
        reddit_posts.append(m)
    return m


def youtube_comment(t, language, category, video_group="general", boost=1.0, core=None):
    auth = pick_author("youtube", language)

    def make():
        c = core or core_text(t, language, category, pick(TONES[category]))[0]
        if rng.random() < 0.25:
            c += rng.choice([" 😂", " 👍", " 🚋", " ❤️", ""])
        return c
    text = varied(make)
    cid = yt_comment_id()
    video = rng.choice(YT_VIDEOS[video_group])
    return emit("youtube", t, text, language, auth, boost, native=cid,
                url=f"https://www.youtube.com/watch?v={video}&lc={cid}", category=category)


def rss_article(t, language, category, headline=None, lead=None, outlet=None, syndicate=False):
    if headline is None:
        options = NEWS.get(language, NEWS["en"])
        if category not in options:
            category = rng.choice(list(options))
        h, l = rng.choice(options[category])
        s = slots(t, language)
        headline, lead = h.format(**s), l.format(**s)
    outlets = OUTLETS.get(language, OUTLETS["en"])
    domain, name = outlet or rng.choice(outlets)
    link = f"https://{domain}/news/{t:%Y/%m/%d}/{slugify(headline, '-', 10)}"
    native = hashlib.sha1(link.encode()).hexdigest()[:12]
    auth = {"handle": domain, "displayName": name, "profileUrl": f"https://{domain}/"}
    text = f"{headline}. {lead}"
    text_counts[text] += 1
    m = emit("rss", t, text, language, auth, native=native, url=link, category=category)
    if syndicate and language == "en":
        other = rng.choice([o for o in OUTLETS["en"] if o[0] != domain])
        rss_article(t + timedelta(minutes=rng.randint(20, 180)), language, category, headline, lead, other)
    return m


def hn_item(t, category):
    """A comment on a story submitted in the last four days; other times, nothing on Hacker News."""
    stories = [m for m in by_source["hackernews"] if "inReplyTo" not in m and t - timedelta(days=4) < m["_t"] < t]
    if not stories:
        return social_post("x", t, "en", category)
    parent = rng.choice(stories)
    text = varied(lambda: fill(rng.choice(HN_COMMENTS), t, "en"))
    return emit("hackernews", t, text, "en", pick_author("hackernews", "en"), reply_to=parent["nativeId"],
                category=category)


def generic(source, t, language, category, boost=1.0):
    if source == "reddit":
        return reddit_item(t, language, category, boost)
    if source == "youtube":
        return youtube_comment(t, language, category, boost=boost)
    if source == "rss":
        return rss_article(t, language, category, syndicate=rng.random() < 0.25)
    if source == "hackernews":
        return hn_item(t, category)
    return social_post(source, t, language, category, boost)


def retweet(original, t):
    if "inReplyTo" in original:
        return None
    auth = pick_author("x", original["language"])
    body = original["text"]
    text = f"RT @{original['author']['handle']}: {body if len(body) <= 120 else body[:117].rstrip() + '…'}"
    return emit("x", t, text, original["language"], auth, boost=0.05, category=original["_category"])


# ---------------------------------------------------------------------------------------
# The month
# ---------------------------------------------------------------------------------------


def job_ad(t):
    source = rng.choice(["x", "x", "bluesky", "mastodon"])
    text = varied(lambda: fill(rng.choice([
        "We're hiring! Bus drivers wanted at our {hood} depot, full paid training and no experience needed. Apply on our careers page.",
        "Fancy a job that keeps Harbor City moving? We're hiring tram drivers for the {tram}. Careers page in bio.",
        "Our apprenticeship programme for signalling and maintenance is open. Apply by the end of the month.",
        "Join the team at {stop}! Customer service jobs with shift pay and free travel. Careers page in bio.",
        "Meet us at the careers fair at {stop} this {weekday}, we're hiring drivers, engineers and apprentices.",
        "Hiring: electrical engineers for the {metro} signalling upgrade. Good pay, real impact.",
    ]), t, "en") + " #hctransit #jobs")
    return emit(source, t, text, "en", OFFICIAL[source], boost=0.4, official=True, category="jobs")


def service_update(t):
    source = rng.choice(["x", "x", "x", "bluesky", "mastodon"])
    text = varied(lambda: fill(rng.choice([
        "Service update: the {bus} is diverted around {hood} because of a broken-down lorry. Expect delays of about {mins} minutes.",
        "Service update: {tram} trams are running with delays between {stop} and {stop2} after a points failure.",
        "The lift at {stop} is out of service for repairs. For step-free access please use {stop2}.",
        "{metro}: minor delays this morning after an earlier train fault at {stop}. Good service on all other lines.",
        "Service update: the {time} {bus} from {stop} is cancelled. The next bus is {mins} minutes later.",
        "Roadworks on {hood} high street from {weekday}: stops on the {bus} will move temporarily. Allow extra time.",
        "Icy conditions: please take care at stops and on platforms. Our staff are gritting {stop} and {stop2}.",
        "Reminder: your ticket is valid on any bus, tram or metro within the fare zone until the cap is reached.",
    ]), t, "en") + rng.choice(["", " #hctransit", " Sorry for the disruption."]))
    return emit(source, t, text, "en", OFFICIAL[source], boost=0.3, official=True, category="delays")


def fill_gaps():
    """Give every department something in its digest every day, as a real month would."""
    departments = organization_keywords()
    category_of = {"communications": "brand", "operations": "delays", "customer-service": "praise", "people": "jobs"}
    for d in range(DAYS):
        day = FIRST_DAY + timedelta(days=d)
        texts = [unicodedata.normalize("NFKC", m["text"]).lower() for m in mentions if m["_t"].date() == day.date()]
        for dep, words in departments.items():
            if any(contains_word(text, w) for text in texts for w in words):
                continue
            t = day + timedelta(hours=rng.randint(9, 17), minutes=rng.randint(0, 59))
            if dep == "people":
                job_ad(t)
                continue
            for _ in range(20):
                m = social_post("x", t, "en", category_of.get(dep, "brand"))
                if m and any(contains_word(m["text"].lower(), w) for w in words):
                    break


def generate():
    events = []
    for d in range(DAYS):
        day = FIRST_DAY + timedelta(days=d)
        weekend = day.weekday() >= 5
        count = int(rng.gauss(55 if weekend else 82, 6))
        for _ in range(count):
            t = random_time(day, WEEKEND_HOURS if weekend else WEEKDAY_HOURS)
            events.append(("base", t))
        if not weekend and rng.random() < 0.7:   # the official account posts a vacancy most weekdays
            events.append(("job-ad", day + timedelta(hours=rng.choice([9, 10, 11, 12, 14]), minutes=rng.randint(0, 59))))
        for _ in range(rng.randint(1, 3)):        # routine service updates
            events.append(("service-update", random_time(day, WEEKDAY_HOURS)))
    # spike 1: signal failure, a storm of delay complaints one morning
    for _ in range(230):
        minutes = rng.expovariate(1 / 70)
        if minutes < 260:
            events.append(("signal", SIGNAL_DAY + timedelta(minutes=minutes, seconds=rng.randint(0, 59))))
    for offset, _text in SIGNAL_OFFICIAL:
        events.append(("signal-official", SIGNAL_DAY + timedelta(minutes=offset + 4)))
    # spike 2: praise for a driver goes viral
    events.append(("viral-origin", VIRAL_AT))
    for _ in range(150):
        minutes = rng.expovariate(1 / 420) + 10
        if minutes < 2200:
            events.append(("viral", VIRAL_AT + timedelta(minutes=minutes, seconds=rng.randint(0, 59))))
    events.append(("viral-official", VIRAL_AT + timedelta(hours=15, minutes=12)))
    # spike 3: fare increase announcement
    events.append(("fares-official", FARES_AT))
    for _ in range(190):
        minutes = rng.expovariate(1 / 380) + 3
        if minutes < 2800:
            events.append(("fares", FARES_AT + timedelta(minutes=minutes, seconds=rng.randint(0, 59))))
    for at, _title in HN_STORIES:
        events.append(("hn-story", at))
    events.sort(key=lambda e: e[1])

    for kind, t in events:
        if kind == "base":
            source = pick(SOURCES)
            language = pick(LANGS[source])
            category = category_for(t.hour, t.weekday() >= 5)
            m = generic(source, t, language, category)
            if m and source == "x" and m["author"]["handle"] in ("harborgazette", "maria_okafor_news", "citylineradio"):
                for _ in range(rng.randint(1, 4)):
                    retweet(m, t + timedelta(minutes=rng.randint(2, 240)))
        elif kind == "job-ad":
            job_ad(t)
        elif kind == "service-update":
            service_update(t)
        elif kind == "hn-story":
            title = next(title for at, title in HN_STORIES if at == t)
            emit("hackernews", t, title, "en", pick_author("hackernews", "en"), boost=8.0, category="brand")
        elif kind == "signal":
            source = pick({"x": 58, "bluesky": 12, "mastodon": 8, "reddit": 14, "youtube": 5, "rss": 3})
            language = pick(LANGS[source]) if source not in ("rss",) else "en"
            if source == "rss":
                s = slots(t, "en")
                rss_article(t, "en", "delays", f"Morning chaos on the M2 after signal failure at Union Square",
                            f"Thousands of commuters faced delays of up to an hour, and passengers reported overcrowding at {s['m2stop']}.",
                            syndicate=True)
                continue
            pool = SIGNAL.get(language) if language != "en" else SIGNAL["en"] if rng.random() < 0.88 else SIGNAL["neu"]
            if not pool:
                generic(source, t, language, "delays", boost=1.5)
                continue
            core = lambda: fill(rng.choice(pool), t, language)
            if source == "reddit":
                reddit_item(t, language, "delays", 1.8, core=varied(core))
            elif source == "youtube":
                youtube_comment(t, language, "delays", "signal", 1.5, core=varied(core))
            else:
                tone = "neg" if pool is not SIGNAL["neu"] else "neu"
                text = varied(lambda: dress(core(), t, language, tone, source, hashtag_rate=0.5))
                emit(source, t, text, language, pick_author(source, language), boost=1.6, category="delays")
        elif kind == "signal-official":
            text = next(txt for off, txt in SIGNAL_OFFICIAL if SIGNAL_DAY + timedelta(minutes=off + 4) == t)
            m = emit("x", t, text, "en", OFFICIAL["x"], boost=2.5, official=True, category="delays")
            emit("bluesky", t + timedelta(seconds=40), text, "en", OFFICIAL["bluesky"], boost=2, official=True,
                 category="delays")
            for _ in range(rng.randint(2, 5)):
                retweet(m, t + timedelta(minutes=rng.randint(1, 30)))
        elif kind == "viral-origin":
            auth = author("x", "leilani_writes", "Leilani K.", 860)
            m = emit("x", t, VIRAL_TEXT, "en", auth, category="praise")
            m["engagement"] = {"likes": 48210, "shares": 9124, "replies": 1387}
            global VIRAL_ORIGIN
            VIRAL_ORIGIN = m
        elif kind == "viral":
            source = pick({"x": 62, "bluesky": 12, "mastodon": 6, "reddit": 8, "youtube": 7, "rss": 5})
            language = pick(LANGS[source]) if source != "rss" else "en"
            if source == "rss":
                rss_article(t, "en", "praise", "Bus driver praised after lifting wheelchair user onto bus in the rain",
                            "Desmond, who has driven for Harbor City Transit for 14 years, has been thanked by thousands online after a passenger shared the story.",
                            syndicate=True)
                continue
            if source == "x" and rng.random() < 0.35:
                retweet(VIRAL_ORIGIN, t)
                continue
            pool = VIRAL.get(language, VIRAL["en"])
            core = lambda: fill(rng.choice(pool), t, language)
            if source == "reddit":
                reddit_item(t, language, "praise", 3.0, core=varied(core))
            elif source == "youtube":
                youtube_comment(t, language, "praise", "viral", 2.0, core=varied(core))
            else:
                reply = source == "x" and rng.random() < 0.5
                if reply:
                    text = varied(lambda: "@leilani_writes " + core())
                else:
                    text = varied(lambda: dress(core(), t, language, "pos", source, hashtag_rate=0.4))
                emit(source, t, text, language, pick_author(source, language), boost=2.5,
                     reply_to=VIRAL_ORIGIN["nativeId"] if reply else None, category="praise")
        elif kind == "viral-official":
            m = emit("x", t, VIRAL_OFFICIAL, "en", OFFICIAL["x"], boost=4, official=True, category="praise")
            for _ in range(rng.randint(3, 6)):
                retweet(m, t + timedelta(minutes=rng.randint(1, 120)))
        elif kind == "fares-official":
            global FARES_ORIGIN
            FARES_ORIGIN = emit("x", t, FARES_OFFICIAL, "en", OFFICIAL["x"], boost=2, official=True, category="fares")
            emit("bluesky", t + timedelta(seconds=30), FARES_OFFICIAL, "en", OFFICIAL["bluesky"], official=True, category="fares")
            emit("mastodon", t + timedelta(seconds=50), FARES_OFFICIAL, "en", OFFICIAL["mastodon"], official=True, category="fares")
            rss_article(t + timedelta(minutes=25), "en", "fares", "Harbor City Transit fares to rise 8% in March",
                        "Single, day and monthly tickets will all cost more from 1 March, though concession fares are frozen.",
                        outlet=OUTLETS["en"][0], syndicate=True)
            rss_article(t + timedelta(minutes=70), "es", "fares", "Harbor City Transit subirá la tarifa un 8 % en marzo",
                        "El billete sencillo, el de un día y el abono mensual costarán más a partir del 1 de marzo.")
        elif kind == "fares":
            source = pick({"x": 55, "bluesky": 12, "mastodon": 8, "reddit": 15, "youtube": 6, "rss": 4})
            language = pick(LANGS[source]) if source != "rss" else "en"
            if source == "rss":
                rss_article(t, "en", "fares", "Riders react angrily to Harbor City Transit fare increase",
                            f"Passengers in {rng.choice(HOODS)} say the 8% rise comes as services are still being cancelled.")
                continue
            pool = FARES.get(language, FARES["en"]) if language != "en" or rng.random() < 0.85 else FARES["neu"]
            core = lambda: fill(rng.choice(pool), t, language if language in FARES else "en")
            if language not in FARES:
                generic(source, t, language, "fares", boost=1.5)
            elif source == "reddit":
                reddit_item(t, language, "fares", 2.0, core=varied(core))
            elif source == "youtube":
                youtube_comment(t, language, "fares", "fares", 1.5, core=varied(core))
            else:
                reply = source == "x" and pool is not FARES["neu"] and rng.random() < 0.3
                if reply:
                    text = varied(lambda: "@hctransit " + core())
                else:
                    text = varied(lambda: dress(core(), t, language, "neg", source, hashtag_rate=0.4))
                emit(source, t, text, language, pick_author(source, language), boost=1.8,
                     reply_to=FARES_ORIGIN["nativeId"] if reply else None, category="fares")

    fill_gaps()
    # customer care answers some complaints on x
    for m in list(by_source["x"]):
        if (m["_category"] in ("delays", "access", "fares") and m["language"] in OFFICIAL_REPLIES
                and m["author"]["handle"] not in ("hctransit", "hctransit_help") and not m["text"].startswith("RT @")
                and rng.random() < 0.16):
            t = m["_t"] + timedelta(minutes=rng.randint(4, 55))
            if t < ANCHOR - timedelta(minutes=5):
                lang = m["language"]
                text = varied(lambda: f"@{m['author']['handle']} " + fill(rng.choice(OFFICIAL_REPLIES[lang]), t, lang))
                emit("x", t, text, lang, CARE, boost=0.05, reply_to=m["nativeId"], official=True, category=m["_category"])


def write():
    generate()
    mentions.sort(key=lambda m: (m["_t"], m["id"]))
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8", newline="\n") as out:
        for m in mentions:
            clean = {k: v for k, v in m.items() if not k.startswith("_")}
            out.write(json.dumps(clean, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"wrote {len(mentions)} mentions to {OUTPUT}")


# ---------------------------------------------------------------------------------------
# Validation: the same whole-word, case-insensitive matching as the platform's TopicMatcher
# ---------------------------------------------------------------------------------------


def organization_keywords():
    departments = defaultdict(list)
    current = None
    for line in ORGANIZATION.read_text(encoding="utf-8").splitlines():
        dep = re.match(r"^  - id:\s*(\S+)", line)
        if dep:
            current = dep.group(1)
        kw = re.match(r"^\s+keywords:\s*\[(.*)\]\s*$", line)
        if kw and current:
            for item in re.findall(r'"([^"]*)"|([^,\s][^,]*)', kw.group(1)):
                word = (item[0] or item[1]).strip()
                if word:
                    departments[current].append(unicodedata.normalize("NFKC", word).lower())
    return departments


def is_word(ch):
    return ch.isalnum() or ch == "_"


def contains_word(text, keyword):
    start = 0
    while True:
        at = text.find(keyword, start)
        if at < 0:
            return False
        end = at + len(keyword)
        before = at == 0 or not is_word(keyword[0]) or not is_word(text[at - 1])
        after = end == len(text) or not is_word(keyword[-1]) or not is_word(text[end])
        if before and after:
            return True
        start = at + 1


def validate():
    departments = organization_keywords()
    raw = OUTPUT.read_bytes()
    lines = raw.decode("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    required = ["schemaVersion", "id", "source", "nativeId", "url", "text", "author", "publishedAt", "ingestedAt",
                "language", "engagement", "matchedBy", "topics", "departments"]
    problems = []
    ids = Counter(r["id"] for r in rows)
    natives = {(r["source"], r["nativeId"]) for r in rows}
    matched = 0
    per_day = defaultdict(Counter)
    hours = Counter()
    for r in rows:
        for field in required:
            if field not in r:
                problems.append(f"{r.get('id')}: no {field}")
        if r["schemaVersion"] != 1:
            problems.append(f"{r['id']}: schemaVersion")
        if r["id"] != f"{r['source']}:{r['nativeId']}":
            problems.append(f"{r['id']}: id is not source:nativeId")
        if not re.match(r"^https://[^\s/]+/\S*$", r["url"]):
            problems.append(f"{r['id']}: url {r['url']}")
        if not r["author"].get("handle") or r["author"]["handle"].startswith("@"):
            problems.append(f"{r['id']}: handle")
        if re.search(r"\{[a-z_0-9]+\}|lorem", r["text"], re.I):
            problems.append(f"{r['id']}: unfilled text")
        pub = datetime.strptime(r["publishedAt"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        ing = datetime.strptime(r["ingestedAt"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
        if not (ANCHOR - timedelta(days=DAYS) <= pub < ing <= ANCHOR):
            problems.append(f"{r['id']}: times {r['publishedAt']} {r['ingestedAt']}")
        if "inReplyTo" in r and (r["source"], r["inReplyTo"]) not in natives:
            problems.append(f"{r['id']}: reply to unknown {r['inReplyTo']}")
        if r["matchedBy"] != "demo" or r["topics"] or r["departments"]:
            problems.append(f"{r['id']}: matchedBy/topics/departments")
        text = unicodedata.normalize("NFKC", r["text"]).lower()
        hit = False
        for dep, words in departments.items():
            if any(contains_word(text, w) for w in words):
                per_day[pub.date()][dep] += 1
                hit = True
        matched += hit
        hours[pub.hour] += 1
    dupes = [i for i, c in ids.items() if c > 1]
    if dupes:
        problems.append(f"duplicate ids: {dupes[:5]}")
    texts = Counter(r["text"] for r in rows if not r["text"].startswith("RT @") and r["source"] != "rss")
    n = len(rows)
    pubs = sorted(r["publishedAt"] for r in rows)
    print(f"lines: {n}, all parse; bytes: {len(raw)} ({len(raw) / 1024 / 1024:.2f} MiB)")
    print(f"unique ids: {len(ids)}; id == source:nativeId and absolute https urls checked")
    print(f"publishedAt from {pubs[0]} to {pubs[-1]}; latest ingestedAt {max(r['ingestedAt'] for r in rows)}")
    print("sources: " + ", ".join(f"{k} {v} ({100 * v / n:.1f}%)" for k, v in Counter(r['source'] for r in rows).most_common()))
    print("languages: " + ", ".join(f"{k} {v} ({100 * v / n:.1f}%)" for k, v in Counter(r['language'] for r in rows).most_common()))
    print(f"match an organization keyword: {matched} ({100 * matched / n:.1f}%)")
    days = sorted({datetime.strptime(p, "%Y-%m-%dT%H:%M:%SZ").date() for p in pubs})
    for dep in departments:
        counts = [per_day[d][dep] for d in days]
        print(f"department {dep}: {sum(counts)} mentions, {sum(1 for c in counts if c)}/{len(days)} days, min/day {min(counts)}")
        if min(counts) == 0:
            problems.append(f"department {dep} has a day without mentions")
    per_date = Counter(p[:10] for p in pubs)
    print("busiest days: " + ", ".join(f"{d} {c}" for d, c in per_date.most_common(4)) +
          f"; quietest: {min(per_date.values())}, median: {sorted(per_date.values())[len(per_date) // 2]}")
    print("by hour (UTC): " + " ".join(f"{h}:{hours[h]}" for h in range(24)))
    print(f"distinct authors: {len({(r['source'], r['author']['handle']) for r in rows})}; "
          f"replies: {sum('inReplyTo' in r for r in rows)}; retweet copies: {sum(r['text'].startswith('RT @') for r in rows)}")
    print(f"distinct texts: {len(set(r['text'] for r in rows))}; most repeated text (besides RT copies and syndicated news): "
          f"{texts.most_common(1)[0][1]}x")
    sentences = Counter(s for r in rows if not r["text"].startswith("RT @") and r["source"] != "rss"
                        for s in SENTENCE_SPLIT.split(r["text"]) if len(s) >= 30)
    print(f"most repeated sentence of 30+ characters: {sentences.most_common(1)[0][1]}x")
    followers = sorted(r["author"]["followers"] for r in rows if "followers" in r["author"])
    print(f"followers: median {followers[len(followers) // 2]}, max {followers[-1]}, "
          f"authors under 500: {100 * sum(f < 500 for f in followers) / len(followers):.0f}% of mentions")
    if len(raw) >= MAX_BYTES:
        problems.append("file is 2 MB or more")
    if matched < 0.8 * n:
        problems.append("fewer than 80% match a keyword")
    for p in problems[:20]:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problems")
    return not problems


if __name__ == "__main__":
    if "--check" not in sys.argv:
        write()
    sys.exit(0 if validate() else 1)
