"""Generates tests/filter/corpus.jsonl: labelled posts in the voice of UK school support staff.

Spans are marked in templates as [[text|TYPE]]; offsets are computed in characters.
"""
import json, random, re
R = random.Random(20261123)

GIVEN_B = ["Bartek","Kacper","Oluwaseun","Callum","Mohammed","Wei","Rhys","Chidi","Ayaan","Tadhg","Jayden","Yusuf","Aarav","Alfie","Harry","Lachlan","Andrei","Tomasz","Emeka","Abdirahman","Ibrahim","Connor","Kai","Reggie","Mateusz","Darius","Ollie","Hamza","Zayn","Ethan","Finley","Liam","Cian","Osian","Jakub","Kwame","Rohan","Bilal","Tyler","Logan","Mustafa","Oisin","Dylan","Leo","Archie","Theo","Jamal","Kofi","Arjun","Filip"]
GIVEN_G = ["Zainab","Aoife","Priya","Ioana","Hodan","Eilidh","Amara","Siobhan","Harpreet","Zofia","Ffion","Tia","Leyla","Noor","Maja","Olamide","Deeqa","Cerys","Fatima","Freya","Ruby","Lily","Amelia","Isla","Maryam","Chiamaka","Niamh","Aisha","Poppy","Mia","Sienna","Ayesha","Sadia","Oliwia","Bianca","Mei","Layla","Khadija","Evie","Darcie","Nia","Maisie","Sumaya","Ifeoma","Simran","Gabriela","Kayleigh","Esme","Hafsa","Lowri"]
SURN = ["Kowalski","Okafor","Patel","Khan","Murphy","O'Neill","Begum","Jones","Popescu","Warsame","Nguyen","Chen","Adeyemi","Hussain","Smith","McLeod","Nowak","Ahmed","Evans","Mensah","Farah","Singh","Kaur","Wisniewski","Doherty","Ali","Taylor","Williams","Osei","Iqbal"]
YEARS = ["Year 1","Year 2","Year 3","Year 4","Year 5","Year 6","Reception","Y3","Y5","Yr 4","year 2","P3","P6","S2","Nursery"]
CLASSES = ["4C","3B","5JW","6H","2K","1R"]
ADULT_F = ["Sarah","Jenny","Karen","Priya","Aisha","Claire","Gemma","Nicola","Helen","Joanne","Ngozi","Fiona","Rachel","Zoe","Lisa"]
ADULT_M = ["Gareth","Dave","Imran","Steve","Mark","Tom","Paul","Chris","Andy","Kwame","Rob","Ian","Neil","Darren"]
SCHOOLS = ["Oakfield Primary","St Anne's CE Primary","Hillside Academy","Brookvale Junior School","Greenbank Infants","St Joseph's RC Primary","Meadowside Primary School","Larchwood Academy","Castlehill High School","Riverside Community Primary"]
STREETS = ["Birch Avenue","Elm Road","Church Lane","Mill Street","Victoria Road","Park Crescent","Oakwood Drive","Station Road","Hawthorn Close","Kings Way"]
POSTCODES = ["LS6 2AB","M14 5RQ","B11 3DN","CF24 4HQ","G41 2PE","BD8 7QT","NE4 6XS","SW9 8LJ","L8 0TG","EH7 5DL","BS5 6HY","LE2 0QS"]
RARE = ["Rett syndrome","a rare genetic condition","cerebral palsy and a feeding tube","leukaemia","a tracheostomy","Prader-Willi syndrome"]
FAMILY = ["whose mum passed away last month","whose dad is in prison","who is seeking asylum with his mum","who is in foster care","who lost his dad in a car crash","who is a young carer"]

UPN_L = "ABCDEFGHJKLMNPQRTUVWXYZ"
def upn():
    rest = "".join(R.choice("0123456789") for _ in range(12))
    s = sum(int(c)*(i+2) for i,c in enumerate(rest))
    return UPN_L[s % 23] + rest
def mod11_check(d9):
    s = sum(int(c)*w for c,w in zip(d9, range(10,1,-1)))
    c = 11 - s % 11
    return 0 if c == 11 else c
def nhs():
    while True:
        d9 = R.choice("4679") + "".join(R.choice("0123456789") for _ in range(8))
        c = mod11_check(d9)
        if c != 10: return d9 + str(c)
def chi():
    while True:
        d = "%02d%02d%02d" % (R.randint(1,28), R.randint(1,12), R.randint(8,20)) + "".join(R.choice("0123456789") for _ in range(3))
        c = mod11_check(d)
        if c != 10: return d + str(c)
def uln():
    while True:
        d9 = R.choice("123456789") + "".join(R.choice("0123456789") for _ in range(8))
        s = sum(int(c)*w for c,w in zip(d9, range(10,1,-1)))
        r = s % 11
        if r == 0: continue
        return d9 + str(10 - r)
def scn():
    while True:
        d8 = "".join(R.choice("0123456789") for _ in range(8))
        s = sum(int(c)*w for c,w in zip(d8, [3,2,7,6,5,4,3,2]))
        r = s % 11
        if r == 1: continue
        return d8 + str(0 if r == 0 else 11 - r)
def spaced(x, style):
    if style == 0 or len(x) not in (9,10): return x
    if len(x) == 10:
        parts = [x[:3], x[3:6], x[6:]]
    else:
        parts = [x[:3], x[3:6], x[6:]]
    return (" " if style == 1 else "-").join(parts)
def invalid(x):
    last = x[-1]
    if last.isdigit():
        return x[:-1] + str((int(last)+1) % 10)
    return x

g = lambda: R.choice(GIVEN_B + GIVEN_G)
b = lambda: R.choice(GIVEN_B)
gl = lambda: R.choice(GIVEN_G)
s_ = lambda: R.choice(SURN)
yr = lambda: R.choice(YEARS)
def N(x): return f"[[{x}|CHILD_NAME]]"

def pos_names():
    n, m = b(), gl()
    o = R.choice([b(), gl()])
    y = yr()
    templates = [
        f"{N(n)} in my {y} group kicked off again during phonics. Any ideas for calming strategies that don't involve leaving the room?",
        f"I'm 1:1 with {N(n)} ({y}) who has an EHCP for ASD. He's started refusing to come into class after lunch. What's worked for you?",
        f"Does anyone have tips for {N(m)}? She's in {y} and her reading age is about three years behind.",
        f"{N(m)}'s mum came in this morning really upset about what happened on the playground. I didn't know what to say.",
        f"My 1:1 {N(n)} had a massive meltdown at lunchtime and threw a chair. I'm shattered.",
        f"We have a boy called {N(n)} in {y} who won't sit on the carpet for more than two minutes. Wobble cushion didn't help.",
        f"{N(n)} {N(s_()).replace('|CHILD_NAME]]','|CHILD_NAME]]')} in {y} has been running out of the classroom. How do others handle it safely?",
        f"Working with {N(n)} on his spellings this week, he gets so frustrated he rips the paper. {y} words are hard for him.",
        f"i support {N(n.lower())} in {y.lower()}, he's non-verbal and uses PECS. any good apps?",
        f"{N(n)} hit another child today and I had to fill in the incident form before home time.",
        f"Update on {N(m)}: she managed a whole morning in class without leaving! Small wins.",
        f"{N(n)} and {N(o)} from {y} keep winding each other up at break. Separate them or not?",
        f"Our little {N(m)} (5) started toilet training this week and mum is really worried.",
        f"Can anyone help? {N(m)}, 7, has selective mutism and only whispers to me.",
        f"The behaviour chart for {N(n)} isn't working. His teacher wants to try zones of regulation instead.",
        f"{N(n)} was sick in assembly and his dad couldn't be reached, so I sat with him for an hour.",
        f"Just had a lovely moment: {N(m)} read a whole page for the first time! {y} phonics is paying off.",
        f"Anyone know how to support {N(m)}'s handwriting? She's in {y} and grips the pencil so tightly.",
        f"I've been asked to write a short report on {N(m)} for her EHCP review next week. Where do I start?",
        f"{N(n)} keeps biting other children in Nursery. We've tried chewy tubes.",
        f"Had a tough day with {N(n)}. He spat at the supply teacher and ran off round the field.",
        f"{N(m)} {N(s_())} (Y6) has been self-harming, I've logged it on CPOMS and told the DSL.",
        f"Anyone else's 1:1 do this? Mine, {N(n)}, flaps his hands and squeals when he's excited.",
        f"Sat with {N(m)} during the maths test and she cried the whole way through.",
        f"So proud of {N(n)} today - he asked to join in football for the first time. {y} have been so kind to him.",
        f"{N(m)} has ADHD and can't sit still in assembly. Would a fidget be allowed?",
        f"Quick question: {N(n)}'s dad wants to meet me about his IEP targets. Is that normal for a TA?",
        f"In {y} I work with {N(m)} and {N(o)} on phonics every morning.",
        f"My boy {N(n)} punched the wall today and hurt his hand.",
        f"A girl named {N(m)} in {y} has just arrived from Romania with no English. Any EAL resources?",
        f"Got a new 1:1 starting Monday, {N(n)}, diagnosed with autism last month. Nervous!",
        f"{N(m)} in {R.choice(CLASSES)} refuses to eat her packed lunch and hides it in her tray.",
        f"Has anyone used social stories for toileting? {N(n)} (Reception) is still in nappies.",
        f"{N(n.upper())} IN {y.upper()} THREW HIS SHOES AT ME AGAIN. Sorry for shouting, long week.",
        f"Lovely chat with {N(m)}'s nan at pick-up; she's looking after her while mum is in hospital.",
        f"I think {N(n)} is being bullied. He's in {y} and comes in every morning with a sore tummy.",
        f"{N(m)} is so anxious about SATs she's been pulling her hair out. What can I do as her TA?",
        f"Me and {N(n)} made a visual timetable together and it's transformed his mornings in {y}.",
        f"Our {y} boy {N(n)} swore at the lunchtime supervisor and now refuses to apologise.",
        f"Struggling with {N(m)} - every transition ends in tears. She's {R.randint(5,10)} and in {y}.",
    ]
    return R.choice(templates)

def pos_initials():
    ini = R.choice(["A.K.","J.B.","M.R.","T.","S.H.","AK","JB","RM","L.W."])
    c = R.choice(CLASSES + ["Year 4","Y2","Year 6"])
    t = R.choice([
        f"{{I}} in {c} has been leaving the room without permission. Any advice?",
        f"Working with {{I}} in {c} on number bonds, slow progress but getting there.",
        f"Has anyone supported a child like {{I}} ({c}) with a stammer?",
        f"{{I}} from {c} pushed another child off the climbing frame today.",
    ])
    return t.replace("{I}", f"[[{ini}|CHILD_NAME]]")

def pos_ids():
    kind = R.choice(["UPN","ULN","NHS_NUMBER","CHI_NUMBER","SCN"])
    style = R.choice([0,1,2])
    n = g()
    if kind == "UPN":
        v = upn()
        if style == 1: v = v[:4] + " " + v[4:8] + " " + v[8:]
        t = R.choice([f"Can someone check this UPN for me, [[{v}|UPN]], the census keeps rejecting it?",
                      f"The new starter's UPN is [[{v}|UPN]] but it isn't showing on the system.",
                      f"Transfer file came through with [[{v}|UPN]] as the only identifier, is that normal?"])
    elif kind == "ULN":
        v = spaced(uln(), style)
        t = R.choice([f"For the college application his ULN is [[{v}|ULN]] - where do I enter it?",
                      f"ULN: [[{v}|ULN]]. The exam board says it doesn't match.",
                      f"I've got learner number [[{v}|ULN]] on the form, is that the right box?"])
    elif kind == "NHS_NUMBER":
        v = spaced(nhs(), style)
        t = R.choice([f"The nurse asked for her NHS number, it's [[{v}|NHS_NUMBER]], for the care plan.",
                      f"Medical form says NHS no. [[{v}|NHS_NUMBER]] but mum says that's wrong.",
                      f"Need to pass [[{v}|NHS_NUMBER]] to the school nurse for the epipen plan."])
    elif kind == "CHI_NUMBER":
        v = chi()
        t = R.choice([f"His CHI number is [[{v}|CHI_NUMBER]] on the health plan.",
                      f"CHI [[{v}|CHI_NUMBER]] - do we need this on the PEEP?",
                      f"The health visitor quoted [[{v}|CHI_NUMBER]] when she phoned."])
    else:
        v = scn()
        t = R.choice([f"Her SCN is [[{v}|SCN]] for the SQA entries.",
                      f"Scottish candidate number [[{v}|SCN]] isn't matching on Phoenix.",
                      f"Pupil's SCN: [[{v}|SCN]]. Who updates it when they move school?"])
    return t

DOB_FORMATS = [
    lambda d,m,y: f"{d:02d}/{m:02d}/{y}", lambda d,m,y: f"{d}/{m}/{y%100:02d}", lambda d,m,y: f"{d:02d}.{m:02d}.{y}",
    lambda d,m,y: f"{d:02d}-{m:02d}-{y%100:02d}", lambda d,m,y: f"{y}-{m:02d}-{d:02d}",
    lambda d,m,y: f"{d}{'th' if d not in (1,2,3,21,22,23,31) else {1:'st',2:'nd',3:'rd',21:'st',22:'nd',23:'rd',31:'st'}[d]} {MONTHS[m-1]} {y}",
    lambda d,m,y: f"{d} {MONTHS[m-1]} {y}", lambda d,m,y: f"{MONTHS[m-1]} {d}, {y}", lambda d,m,y: f"{d} {MONTHS[m-1][:3]} {y}",
    lambda d,m,y: f"{d}th of {MONTHS[m-1]} {y}",
]
MONTHS = ["January","February","March","April","May","June","July","August","September","October","November","December"]
def pos_dob():
    d, m, y = R.randint(4,28), R.randint(1,12), R.randint(2010,2020)
    v = R.choice(DOB_FORMATS)(d,m,y)
    return R.choice([
        f"For the referral I need to put DOB [[{v}|DATE_OF_BIRTH]] and the school address, right?",
        f"She was born on [[{v}|DATE_OF_BIRTH]] so she's the youngest in the class.",
        f"d.o.b. [[{v}|DATE_OF_BIRTH]] - is that summer-born enough to defer?",
        f"Date of birth: [[{v}|DATE_OF_BIRTH]]. The form also wants ethnicity, which I don't know.",
        f"His birthday is [[{v}|DATE_OF_BIRTH]] and mum wants us to do something in class.",
        f"Born [[{v}|DATE_OF_BIRTH]], diagnosed with ASD at three, now in Year 2.",
    ])

def pos_home():
    n = g(); st = R.choice(STREETS); pc = R.choice(POSTCODES); num = R.randint(2,140)
    return R.choice([
        f"{N(n)}'s family lives at [[{num} {st}|HOME_ADDRESS]], [[{pc}|POSTCODE]], and mum wants the taxi to go there.",
        f"The foster carers live at [[{num} {st}|HOME_ADDRESS]] so he's now out of catchment.",
        f"Home visit tomorrow to [[{num} {st}|HOME_ADDRESS]]. Any tips for a first home visit as a TA?",
        f"Her new address is [[Flat {R.randint(1,9)}, {num} {st}|HOME_ADDRESS]], [[{pc}|POSTCODE]] - who updates SIMS?",
        f"He lives at [[{pc}|POSTCODE]] with his nan, which is miles from school.",
        f"Mum gave me their postcode, [[{pc}|POSTCODE]], for the transport form.",
    ])

def pos_contact():
    t = R.choice([
        "Mum's mobile is [[07700 900{:03d}|PHONE]] if anyone on the late club needs it.".format(R.randint(0,999)),
        "Dad said to text him on [[+44 7700 900{:03d}|PHONE]] rather than ring the office.".format(R.randint(0,999)),
        "Her gran's landline is [[0161 496 0{:03d}|PHONE]] and she does most pick-ups.".format(R.randint(0,999)),
        "Parent contact: [[07700900{:03d}|PHONE]], she prefers WhatsApp.".format(R.randint(0,999)),
        "Mum's email is [[{}.{}{}@hotmail.co.uk|EMAIL]] and she wants weekly updates.".format(R.choice(["sarah","kerry","amina","joanne"]), R.choice(["j","smith","k"]), R.randint(70,99)),
        "The carer asked me to send the photos to [[{}{}@gmail.com|EMAIL]].".format(R.choice(["dan","leanne","tariq","mags"]), R.randint(1,999)),
        "His dad's work email is [[{}.{}@{}.co.uk|EMAIL]], is it ok to use that?".format(R.choice(["paul","mo","kris"]), R.choice(["evans","shah","nowak"]), R.choice(["acme-builders","northfreight","kwikfit"])),
    ])
    return t

def pos_quasi():
    sc = R.choice(SCHOOLS); y = R.choice(["Year 3","Year 5","Year 6","Reception","Year 2","P4"])
    rare = R.choice(RARE); fam = R.choice(FAMILY)
    t = R.choice([
        f"At [[{sc}|QUASI]] we have a {y} girl with [[{rare}|QUASI]] and I'm her new 1:1. Any advice on manual handling?",
        f"Our {y} at [[{sc}|QUASI]] includes a boy [[{fam}|QUASI]]. How do we support him in circle time?",
        f"I work at [[{sc}|QUASI]] in {y}; one of our girls has [[{rare}|QUASI]] and the other parents keep asking questions.",
    ])
    return t

# ---------------- negatives
def neg():
    af, am = R.choice(ADULT_F), R.choice(ADULT_M)
    sur = R.choice(SURN)
    sc = R.choice(SCHOOLS); y = yr()
    t = R.choice([
        f"Mrs {sur} our SENCO has shared a new provision map template - has anyone else used it?",
        f"Mr {sur}, the deputy head, is leading INSET on Monday about adaptive teaching.",
        f"Ask {am} at the local authority office about transport for SEND pupils, he was really helpful.",
        f"Our ELSA, {af}, runs friendship groups on Tuesday afternoons for {y}.",
        f"Dr {sur} the ed psych is visiting next week to observe in {y}.",
        f"Thanks to {af} from the SEND team for the training on attention autism yesterday.",
        f"We're reading Fantastic Mr Fox in {y} and the children love the tunnels.",
        f"The Very Hungry Caterpillar is our focus text this half term; lots of counting and days of the week.",
        f"Planning a hope and dreams circle time for {y}. Any lovely picture books?",
        f"Topic this term is Queen Victoria and the Victorians. Anyone got a good school day role-play?",
        f"Florence Nightingale and Mary Seacole for the {y} history topic - any good videos?",
        f"Half term is 28th October to 1st November this year, so INSET is the Monday after.",
        f"{y} SATs start on 12/05/2025 - how are you all preparing the anxious ones?",
        f"Call the school office on 0113 496 0000 if you want to book a visit to our nurture room.",
        f"Email office@{sc.split()[0].lower()}.sch.uk for the course booking form.",
        f"Will you share your visual timetable symbols? Ours are looking tired.",
        f"May half term can't come soon enough, {y} are exhausted.",
        f"Grace and courtesy lessons from Montessori work brilliantly in Reception.",
        f"Can anyone recommend a book about grief for {y}? Something gentle.",
        f"We've started using the Zones of Regulation across KS1 and it's going well.",
        f"Any tips for phonics catch-up with {y}? We use Little Wandle.",
        f"How do you manage PPA cover when the TA is also running interventions?",
        f"{sc} is hiring two teaching assistants for September if anyone is looking.",
        f"The training is at the Civic Centre, Leeds LS1 1UR, starting at 9.30.",
        f"Our order reference is 9434765917, the supplier says it's wrong.",
        f"Invoice number 123456784 from the coach company - who pays it?",
        f"We went on a trip to Chester Zoo with {y} and nobody got lost!",
        f"Mark the books in green pen, that's our marking policy now.",
        f"Rose from the office has organised the summer fair - thank you Rose!",
        f"Hi {af}, thanks for the phonics resources, they're brilliant.",
        f"Lovely idea. I might pinch that for my Year 4s.\n\nThanks,\n{af}",
        f"Stick Man and Room on the Broom by Julia Donaldson are perfect for Nursery.",
        f"Harry Potter club has started at lunchtime, run by Mr {sur}.",
        f"My colleague {af} and I are doing the HLTA course at the college.",
        f"Amber warning for snow tomorrow, so the trip to Reading might be off.",
        f"I'm {af}, a TA in {y}, and new to this forum. Hello everyone!",
        f"Biff, Chip and Kipper books are still in our reading scheme, are they dated?",
        f"Handa's Surprise is our Reception text, with a fruit-tasting afternoon.",
        f"Does anyone know if the Numicon training from the local authority is worth it?",
        f"What's everyone's favourite way to teach number bonds to 10 in {y}?",
        f"Happy to share our sensory circuit plan, just message me.",
        f"Our head, Mrs {sur}, has agreed to fund a nurture room. So excited!",
        f"Henry VIII and his six wives for {y} history - the children loved the song.",
        f"Spring term starts on 6 January. Wishing everyone a restful break.",
        f"Year 6 residential is 3-5 June; we need two more TAs to volunteer.",
        f"The SALT, {af}, suggested colourful semantics for our {y} group.",
        f"Just finished the Team Teach course - it was really practical.",
        f"Anyone else find the new EHCP paperwork from the council confusing?",
        f"Our reading ambassadors are Year 5s who read with the little ones every Friday.",
        f"The council helpline is 0300 123 4567 for anyone wanting to report a safeguarding concern.",
        f"Contact senco@{sc.split()[0].lower()}.sch.uk with any questions about the SEND drop-in.",
        f"Gareth Jones at the trust sent round the new behaviour policy.",
        f"Our class reader is Wonder by R. J. Palacio, and Auggie has really got them talking.",
        f"Sophie from the ed psych service is running a workshop on emotion coaching.",
        f"Matilda by Roald Dahl is {y}'s class novel this term.",
        f"Just a reminder that the forum guidelines say no pupil names - use Pupil A, Pupil B.",
        f"Pupil A in {y} has made great progress with the precision teaching.",
        f"Mr Men books are great for emotions work with Reception.",
        f"We have a visitor from Poland talking about Polish Christmas traditions.",
        f"What did everyone think of the DfE's new guidance on attendance?",
        f"Our school postcode is LS6 2AB for the satnav, parking is on Elm Road.",
        f"Twinkl has a great set of resources on the Great Fire of London.",
        f"Bill for the trip has gone out, £12 per child.",
        f"St Mary's Primary is hosting the cluster training on Thursday.",
        f"Queen Elizabeth II and King Charles for the coronation display in {y}.",
        f"I attended a course led by Kwame {sur}, the autism advisory teacher - brilliant.",
        f"Our summer term theme is 'Journeys' - any ideas for KS2?",
        f"Autumn 2 planning is due on Friday, ugh.",
        f"Met Priya from the Commonroom group at the conference, so lovely to put a face to a name!",
    ])
    return t

def parse(t):
    spans = []; out = ""; i = 0
    for m in re.finditer(r"\[\[(.+?)\|([A-Z_]+)\]\]", t):
        out += t[i:m.start()]
        s = len(out); out += m.group(1)
        spans.append({"start": s, "end": len(out), "type": m.group(2)})
        i = m.end()
    out += t[i:]
    return out, spans

rows = []
def add(t, kind):
    text, spans = parse(t)
    if kind == "pos":
        verdict = "hold" if spans and all(s["type"] == "QUASI" for s in spans) else "block"
    else:
        verdict = "allow"
    rows.append({"id": f"c{len(rows)+1:03d}", "text": text, "verdict": verdict, "spans": spans})

seen = set()
def uniq(fn, k, kind):
    c = 0; tries = 0
    while c < k and tries < k * 50:
        tries += 1
        t = fn()
        if t in seen: continue
        seen.add(t); add(t, kind); c += 1
uniq(pos_names, 120, "pos")
uniq(pos_initials, 10, "pos")
uniq(pos_ids, 40, "pos")
uniq(pos_dob, 25, "pos")
uniq(pos_home, 12, "pos")
uniq(pos_contact, 13, "pos")
uniq(pos_quasi, 14, "pos")
uniq(neg, 210, "neg")
R.shuffle(rows)
for k, r in enumerate(rows):
    r["id"] = f"c{k+1:03d}"
with open("/work/main/tests/filter/corpus.jsonl", "w") as f:
    for r in rows:
        f.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), sum(1 for r in rows if r["verdict"] != "allow"))
