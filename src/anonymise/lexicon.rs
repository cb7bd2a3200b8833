//! Gazetteers and context-cue vocabularies, built once: a fingerprint-keyed map of word flags
//! and an index of multi-word phrases by their first word.

pub(crate) const GIVEN: u64 = 1;
pub(crate) const SURNAME: u64 = 1 << 1;
/// An ordinary English word (so a name that is also a word needs more evidence).
pub(crate) const WORD: u64 = 1 << 2;
pub(crate) const PLACE: u64 = 1 << 3;
/// Never a name (function words, school jargon).
pub(crate) const STOP: u64 = 1 << 4;
pub(crate) const TITLE: u64 = 1 << 5;
pub(crate) const ROLE: u64 = 1 << 6;
pub(crate) const CHILD: u64 = 1 << 7;
pub(crate) const FAMILY: u64 = 1 << 8;
pub(crate) const BEHAV_STRONG: u64 = 1 << 9;
pub(crate) const BEHAV: u64 = 1 << 10;
pub(crate) const SEN: u64 = 1 << 11;
pub(crate) const BIRTH: u64 = 1 << 12;
pub(crate) const HOME: u64 = 1 << 13;
pub(crate) const SCHOOL_SFX: u64 = 1 << 14;
pub(crate) const RARE: u64 = 1 << 15;
pub(crate) const MONTH: u64 = 1 << 16;
pub(crate) const GREETING: u64 = 1 << 17;
pub(crate) const AUTHOR: u64 = 1 << 18;
pub(crate) const ADULT_REL: u64 = 1 << 19;
pub(crate) const CONNECT: u64 = 1 << 20;
pub(crate) const ENTITY: u64 = 1 << 21;
pub(crate) const CLASSREF: u64 = 1 << 22;
pub(crate) const PUBLIC: u64 = 1 << 23;
pub(crate) const CLASSWORD: u64 = 1 << 24;
pub(crate) const PRONOUN: u64 = 1 << 25;
pub(crate) const IDCUE: u64 = 1 << 26;
pub(crate) const STREET: u64 = 1 << 27;
pub(crate) const VENUE: u64 = 1 << 28;
pub(crate) const NUMWORD: u64 = 1 << 29;
pub(crate) const SCHOOL_GENERIC: u64 = 1 << 30;
pub(crate) const NAME_SLOT: u64 = 1 << 31;
pub(crate) const IN_PREP: u64 = 1 << 32;
pub(crate) const AGE: u64 = 1 << 33;
pub(crate) const ANON: u64 = 1 << 34;
pub(crate) const DETERMINER: u64 = 1 << 35;
pub(crate) const SIGNOFF: u64 = 1 << 36;
pub(crate) const ACRONYM: u64 = 1 << 37;
pub(crate) const BOOKCUE: u64 = 1 << 38;
pub(crate) const ADULT_VERB: u64 = 1 << 39;
/// A very common English word that is also a given name ("will", "grace").
pub(crate) const HIGHFREQ: u64 = 1 << 40;
/// The word starts at least one multi-word phrase.
pub(crate) const PHRASE: u64 = 1 << 41;
/// Opens a sentence that addresses someone: "Great idea Fiona", "Following this Bex".
pub(crate) const OPENER: u64 = 1 << 42;
/// A place word that makes the name before it a place: "Eden Camp", "Alton Towers", "Rose
/// Room".
pub(crate) const LANDMARK: u64 = 1 << 43;
/// A preposition that takes a person as its object ("with", "about"): a name after it is
/// talked about, not talked to.
pub(crate) const OBJECT_PREP: u64 = 1 << 44;
/// The writer's own relatives ("my husband Dave"): grown-ups, unless they are also `CHILD`
/// words ("my son Jack": a child, and a pupil somewhere).
pub(crate) const OWN_FAMILY: u64 = 1 << 45;
/// The everyday work of a classroom ("sessions", "timetable"): a post about pupils.
pub(crate) const SCHOOLWORK: u64 = 1 << 46;
/// A word for "school" that comes before the name: "Ysgol Cwm Glas".
pub(crate) const SCHOOL_PREFIX: u64 = 1 << 47;
/// A verb that follows a child's name when it is the subject: "Grace has", "Will is".
pub(crate) const SUBJECT_VERB: u64 = 1 << 48;
/// A time word that can follow a name: "with river this term", "jayden today".
pub(crate) const WHEN: u64 = 1 << 49;
/// What a TA does to or for a pupil: "I moved Harley", "asked Oleksandr", "let Zarlasht".
pub(crate) const CARE_VERB: u64 = 1 << 50;
/// Things forum members give each other: "Priya's idea", "Jo's post".
pub(crate) const FORUM: u64 = 1 << 51;
/// A verb of thinking or noticing whose object is a clause: "I think Archie has…".
pub(crate) const THINK: u64 = 1 << 53;
/// Courses and training: "with Mark Ellison" in such a post is the trainer.
pub(crate) const TRAINING: u64 = 1 << 54;
/// An animal: "our cat Mabel", "a spaniel called Bailey" name pets.
pub(crate) const PET: u64 = 1 << 55;
/// Heads a line of minutes that lists adults: "Apologies:", "Present:".
pub(crate) const MINUTES: u64 = 1 << 56;
/// The name of a pupil identifier scheme: "NHS", "CHI", "UPN", "ULN", "SCN".
pub(crate) const ID_SCHEME: u64 = 1 << 57;
/// Words around a nickname or a character: "we call him…", "(real name…)", "the characters".
pub(crate) const NICK_OR_STORY: u64 = 1 << 58;
/// A word an authority has said is no pupil's name (a colleague, a place): never a pupil.
pub(crate) const NOT_PUPIL: u64 = 1 << 59;
/// A rota or duty list: names on a line that starts with a day are staff on duty.
pub(crate) const ROTA: u64 = 1 << 60;
/// A play being cast: "Mary – Amira", "Autumn as Mary" pair a part with a pupil.
pub(crate) const CASTING: u64 = 1 << 61;
/// Words of a grown-up's working and personal life, seldom said of a pupil: the staffroom,
/// the agency, a wedding, the pub ("Funmi's leaving do", "Dorota's baby boy").
pub(crate) const STAFF_LIFE: u64 = 1 << 62;
/// Television, film and sport: the names in such a post are often famous people.
pub(crate) const MEDIA: u64 = 1 << 52;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const GIVEN_NAMES: &str = include_str!("data/given_names.txt");
const SURNAMES: &str = include_str!("data/surnames.txt");
const ENGLISH_WORDS: &str = include_str!("data/english_words.txt");
const PLACES: &str = include_str!("data/places.txt");
const ENTITIES: &str = include_str!("data/entities.txt");
const FAMOUS: &str = include_str!("data/famous.txt");

const WORD_CUES: &[(&str, u64)] = &[
    (
        "mr mrs ms miss mx dr prof professor sir dame lord lady rev revd reverend father fr sr rabbi imam ustadh ustadha ustaz sheikh pastor vicar bishop king queen prince princess saint st holy cllr councillor captain capt emperor empress pope president duke duchess earl uncle auntie aunty aunt anti yncl grandad grandpa grandma granny nana nanna coach judge officer sergeant pc doamna domnul pani frau herr madame monsieur senora señora senor señor signora signor",
        TITLE,
    ),
    (
        "senco sendco alnco alenco ht dht janny mod mods admins auxiliary auxiliaries head headteacher headmaster headmistress head's deputy depute teacher teachers ta hlta lsa sna psa janitor hod invigilator tutor colleague colleagues manager officer pcso rep reps steward advisor adviser consultant psychologist psych ep therapist salt slt ot physio physiotherapist nurse doctor gp paediatrician governor governors trustee ceo inspector illustrator poet writer novelist speaker trainer trainers interpreter interpreters translator translators driver drivers organiser organisers organizer facilitators presenters tutors lecturers therapists consultants advisers advisors lecturer assessor assessors examiner moderator facilitator presenter volunteer caretaker marshal marshals aiders invigilators technicians cleaners cooks chefs apprentices mentors librarians chaperones bursar receptionist admin administrator coordinator co-ordinator sbm lead dsl ddsl mentor instructor librarian chair mp minister author elsa senior principal vice assistant specialist treasurer worker workers practitioner practitioners counsellor tas hltas lsas msa msas psas volunteers supervisors middays clinician director supervisor chef cook cleaner secretary technician apprentice student-teacher pgce ect nqt scitt trainee staff pastoral team service authority council la camhs trust msat ofsted dfe nhs union unison gmb neu nasuwt",
        ROLE,
    ),
    (
        "pupil pupils child children kid kids boy boys girl girls student learner son sons daughter daughters grandson granddaughter grandchild grandchildren stepson stepdaughter godson goddaughter nephew nephews niece nieces twins lad lass toddler baby youngster preschooler preschoolers schoolers little one's",
        CHILD,
    ),
    (
        "mum mums mummy mam mother dad dads daddy father parent parents carer carers nan nana nanny gran granny grandma grandad grandpa grandparent grandparents stepmum stepdad step-dad step-mum foster siblings sibling brother sister twin twins guardian family aunt uncle cousin cousins",
        FAMILY,
    ),
    (
        "kicked kicks kicking hit hits hitting bites biting punched punches punching fight fights fighting fought spat spits spitting threw throws throwing swore swears swearing scratched scratches pushed pushes bolted bolts absconded absconds soiled meltdown meltdowns tantrum tantrums screamed screams screaming lashed hurt hurts headbutted strangled choked bullied bullies bullying stole steals",
        BEHAV_STRONG,
    ),
    (
        "stuck withdrawn upset terrified anxious frustrated distressed overwhelmed refused refuses refusing cried cries crying ran runs hid hides hiding climbed climbs shouted shouts struggles struggled struggling can't couldn't won't wouldn't sulked sulks fidgets fidgeting chewed chews rocked rocks flapped flaps stims stimming masks masking escaped escapes wandered wanders napped behaved misbehaved dysregulated giggled tantrums sobbed wriggles wriggled dawdles ignores ignored snatched snatches",
        BEHAV,
    ),
    (
        "speech therapy targets tac pep cin hearing-aid lesson lessons homework translate translates translating interpreter ehcp ehcps iep ieps ilp ilps csp pls isp sen send adhd asd asc autism autistic dyslexia dyslexic dyspraxia dyscalculia pda odd semh slcn eal fsm lac cla pp phonics meltdown meltdowns interventions intervention spellings playtime lunchtime naptime nappy nappies toilet toileting reading safeguarding non-verbal nonverbal makaton pecs sensory regulation dysregulated dysregulation behaviour behavior 1:1 one-to-one statemented mutism selective tics tourette's tourettes epilepsy diabetic diabetes allergy anaphylaxis epipen wheelchair hearing visually cochlear",
        SEN,
    ),
    ("born birth birthday birthdays bday b'day dob dobs d.o.b ganwyd", BIRTH),
    (
        "lives live living lived home address house flat moved resides staying stays",
        HOME,
    ),
    (
        "primary school academy infants infant juniors junior high college grammar nursery ce rc catholic c.e c.e. cofe c/e preparatory prep secondary community federation ysgol",
        SCHOOL_SFX,
    ),
    (
        "conjoined murder murderer manslaughter sentence serving killed died pile-up crash orphaned dementia progeria deafblind champion champions disease leukaemia leukemia cancer tumour tumor chemotherapy chemo tracheostomy amputee amputation cochlear prader-willi angelman rett duchenne dystrophy bifida fibrosis 22q tourette's tourettes mutism deaf blind blindness refugee refugees asylum deported deportation prison prisoner bereaved bereavement funeral murdered suicide fostered adopted adoption trafficked trafficking pregnant pregnancy triplets quadruplets terminal transplant dialysis paralysed paralysis kidnapped abducted arrested expelled homeless hostel traveller gypsy roma syndrome stabbed stabbing epidermolysis haemophilia hemophilia albinism achondroplasia",
        RARE,
    ),
    (
        // (and the Welsh months, but for "Mai" and "Medi", which are also names)
        "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ionawr chwefror mawrth ebrill mehefin gorffennaf awst hydref tachwedd rhagfyr",
        MONTH,
    ),
    (
        "hi hello hiya hey dear thanks thank cheers morning evening afternoon welcome congrats congratulations",
        GREETING,
    ),
    (
        "author authors illustrator illustrated written poet poem novelist book books novel story stories character characters film films movie series story's",
        AUTHOR,
    ),
    (
        "husband wife partner friend friends colleague colleagues manager boss mentor fiance fiancee mentee line-manager neighbour",
        ADULT_REL,
    ),
    (
        "our the my a an is was from at of who in our's works runs leads also new lovely local deputy assistant class school fab amazing brilliant",
        CONNECT,
    ),
    (
        "office reception switchboard helpline freephone enquiries admissions council authority la school's school schools main centre center clinic surgery hospital service team line website nspcc childline samaritans shout",
        PUBLIC,
    ),
    ("year yr yrs yeargroup class form group set reception nursery blwyddyn dosbarth", CLASSWORD),
    ("he she his her him hers himself herself", PRONOUN),
    (
        "upn uln nhs chi scn number no num candidate learner pupil unique",
        IDCUE,
    ),
    (
        "road rd street st avenue ave lane ln close cl drive dr way crescent cres court ct place pl gardens gdns grove gr terrace tce walk row square sq mews rise parade vale hill park green view close estate heol ffordd stryd lon rhodfa brow fold wynd brae chase meadows mount heights croft cottages mansions buildings",
        STREET,
    ),
    (
        // ("loads of parking", "hire the hall", "hosting the network", "the booking email":
        // a place people travel to)
        "venue hall hub centre center library office offices training conference meeting held hotel church campus building staffroom meetup arena museum civic parking hire hosting hosted booking meet partnership business zoo leisure inn halls cathedral residential festival guildhall stadium theatre cinema chambers",
        VENUE,
    ),
    (
        "one two three four five six seven eight nine ten eleven twelve thirteen",
        NUMWORD,
    ),
    (
        "primary secondary special local our my the a this that new previous old feeder mainstream catholic high infant junior nursery independent private state free grammar boarding village small big large same other another his her their alternative sen send",
        SCHOOL_GENERIC,
    ),
    ("called named name nicknamed known surname nickname firstname forename", NAME_SLOT),
    ("in from of into", IN_PREP),
    ("aged age years yrs yo y/o", AGE),
    (
        "pupil child student learner boy girl kid case person individual",
        ANON,
    ),
    ("the a an our my your his her their this that these those", DETERMINER),
    (
        "thanks thank cheers regards best love wishes x xx xxx",
        SIGNOFF,
    ),
    (
        "great good love loved agree agreed following same brilliant lovely sorry congrats well fab fantastic amazing yes oh ah aw wow totally absolutely ooh haha lol lmao omg tbh ngl honestly snap seconded exactly welcome nice noted",
        OPENER,
    ),
    (
        "camp zoo museum castle room suite project farm abbey cathedral tower towers pier beach bay island forest woods lake palace baths village world land kingdom theatre theater gallery station airport stadium arena bridge market mill manor foundation festival aquarium safari sanctuary reserve valley gorge caves cave falls mountain wharf docks harbour quay county city borough university hospital",
        LANDMARK,
    ),
    ("with about for on to at by of from", OBJECT_PREP),
    ("ysgol scoil gaelscoil bunscoil gaelcholaiste colaiste", SCHOOL_PREFIX),
    (
        "has is was had hasn't bit won scored passed gets got needs can't won't keeps loves hates did does will would struggles finds have are were can cannot isn't wasn't doesn't didn't refuses wants seems used started says said told asked came went made wrote drew read ran sat stood took gave brought lost",
        SUBJECT_VERB,
    ),
    (
        "this today tomorrow tmrw yesterday again every each last next now during before after",
        WHEN,
    ),
    (
        "moved move asked let helped praised praise sat seat supported encouraged calmed reminded caught sent kept gave restrain restrained showed show took take brought bring collected collect fed changed change comforted hugged settled settle reassured taught teach",
        CARE_VERB,
    ),
    (
        "think thinking thought noticed notice realised realized suspect worried reckon wonder wondering",
        THINK,
    ),
    (
        "watched watching watch telly tv episode episodes strictly eastenders corrie emmerdale hollyoaks bake-off match matches football premier league olympics film films movie netflix singer actor actress celebrity celeb podcast",
        MEDIA,
    ),
    (
        "dog dogs puppy cat cats kitten spaniel labrador hamster rabbit pet tortoise pony horse cockapoo budgie fish guinea doll puppet mascot",
        PET,
    ),
    ("nhs chi upn uln scn", ID_SCHEME),
    (
        "staffroom staffrooms colleague colleagues retirement retiring farewell engagement engaged fiance fiancee fiancé fiancée wedding weddings married honeymoon hen stag pregnant pregnancy maternity paternity newborn agency supply invigilator invigilators invigilation invigilating technician technicians reprographics payroll payslip payslips salary salaries contract contracts union unison gmb dbs appraisal appraisals interview interviews interviewed vacancy vacancies promoted promotion probation induction shortlisted nvq apprentice apprenticeship apprentices kettle fridge microwave dishwasher mug mugs prosecco wine gin beer pint pints pub van parking carpark commute mortgage meetup meetups networking lanyard lanyards walkie walkies timesheet timesheets overtime shift shifts annual allotment marry marrying drinks briefing briefings governors governor trust hlta cousin sponsor sponsored sponsorship justgiving marathon 10k gym commuting husband hubby wife sabbatical secondment secondments redundancy redundancies pension pensions hmrc recruitment recruiting rsvp raffle notice resigned resignation retire retired retires duty duties mentor mentoring mentored conference job-share job-sharing jobshare role liaison cpd inset ppa refresher renewal swap swapped swapping volunteered minibus wage wages payday hours",
        STAFF_LIFE,
    ),
    ("rota rotas duty duties", ROTA),
    (
        "cast casting nativity panto pantomime musical auditions directed production play roles parts",
        CASTING,
    ),
    (
        "call calls answers known goes nicknamed name character characters houses",
        NICK_OR_STORY,
    ),
    (
        "apologies apols present attendees attending chair minutes staff attendance rota bio topic date",
        MINUTES,
    ),
    (
        "course courses training trainer trainers refresher cpd webinar workshop workshops conference keynote qualification diploma",
        TRAINING,
    ),
    (
        "idea ideas post posts thread suggestion suggestions advice tip tips comment comments point question reply replies link template resource resources",
        FORUM,
    ),
    (
        "twins sister brother husband wife partner uncle aunt auntie aunty cousin gran nan nana nanna grandma grandad grandpa grandmother grandfather granny son sons daughter daughters nephew nephews niece nieces grandson granddaughter grandchild grandchildren stepson stepdaughter godson goddaughter",
        OWN_FAMILY,
    ),
    (
        "session sessions timetable activity activities lesson lessons nativity rehearsal assembly toilets worksheet worksheets homework spellings sounds phonics reading writing maths playground playtime lunchtime classroom carpet register trip trips sticker stickers reward rewards chart",
        SCHOOLWORK,
    ),
    (
        "ta tas ra pe re bc tbh ngl idk pls plz thx smh ict dt ot pa sen send asd asn aob sqa adhd ks eyfs pshe rse rshe sats slt salt hlta lsa sna dsl fsm pp lac cla eal iep ehcp ilp csp ppa inset ofsted camhs gp nhs dfe la mat cpd ect nqt pgce qts uk gb usa eu bbc tv pc it ok omg lol aka fyi asap btw nb ps pto am pm ie eg etc vs ao mfl art elsa sencos sendco lego mr mrs ms dr sir ma ba bsc msc phd hr ceo mp ad id dob aaa srsly fao rsvp tbc tba imo imho afaik iirc eta diy faq wfh ooo tlc bbq rwi smt ks1 ks2 mtc hmi sendco ict dvd cd gcse gcses btec alevel aen apdr aqa arp asc bsl cin cpoms cse ctf cv dbs dda dla ebd ebsa ehc eps ewo exs fe fgm gds gps hod hoy dht aht itt jcq ks3 ks4 ks5 mash mld nasen ocr ofqual peep pep pmld pru psa ptsd semh slcn spld sdq svq nvq tlr ucas yot zpd ppe pda pdf ppt rag sats sta mld hi vi ht ep sw cp fft nfer rwi",
        ACRONYM,
    ),
    (
        "reading read book books story stories novel text class-reader author chapter character characters poem film movie play rhyme topic",
        BOOKCUE,
    ),
    (
        "emailed phoned rang texted messaged replied recommended recommends suggested suggests presented delivered ran runs led leads trained trains observed observes teaches taught mentors mentored swears works manages organises coordinates covers retire retires retiring retired",
        ADULT_VERB,
    ),
];

/// Words that look like names in a list but are never treated as a pupil's name on their own.
const STOP_WORDS: &str = "he i'm im i've i'd i'll we're we've they're they've you're you've it's he's she's that's there's what's let's don't can't won't didn't isn't wasn't doesn't haven't hasn't couldn't wouldn't shouldn't the and for you all are but not can her his him she they them this that with from have has was were will would could should may might must our your their its who what when where why how which there here then than some any more most much many such very also just only even still yet again i me my we us it a an to of in on at by as or if so no yes do did does be been being am is up out off down about into over after before since until while because though although year class pupil child boy girl mum dad teacher school head senco send sen ehcp iep ta hlta lsa ks key stage group table reception nursery monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends mon tue tues wed weds thu thur thurs fri january february march april june july september october november december maths english science history geography music art eng geog sci hist chem phys psych phonics reading writing spelling lunch play break assembly today tomorrow yesterday week term half christmas easter diwali eid ramadan hanukkah halloween bonfire pupil premium tudor tudors roman romans victorian victorians viking vikings saxon saxons celts celtic georgian georgians edwardian edwardians elizabethan god jesus allah lord ok okay please sorry yes no hi hello thanks chi nhs upn uln scn dob google zoom teams twinkl seesaw tapestry dojo numicon makaton lego elsa thrive pecs teacch boxall sats ofsted camhs english welsh scottish irish british polish romanian somali arabic urdu punjabi bengali chinese spanish french german italian portuguese turkish nigerian indian pakistani slovak slovakian czech lithuanian latvian estonian hungarian bulgarian ukrainian russian albanian greek kurdish pashto dari farsi persian tigrinya amharic yoruba igbo hausa twi swahili gujarati tamil hindi nepali sinhala malayalam telugu cantonese mandarin vietnamese tagalog filipino romani gaelic cornish muslim christian hindu sikh jewish catholic";

/// Identity hasher for keys that are already hashes.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// Words longer than this are never looked up (no gazetteer entry is as long).
pub(crate) const MAX_WORD: usize = 40;

/// A 64-bit fingerprint of a lower-case word (FNV-1a, then mixed); the gazetteer stores only
/// fingerprints, so a lookup is one probe with no string comparison. Built a byte at a time
/// so the tokeniser can feed it the bytes it is already reading.
#[derive(Clone, Copy)]
pub(crate) struct Fingerprint(u64);

impl Fingerprint {
    #[inline]
    pub const fn new() -> Self {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }

    /// Adds a byte, case folded. (A word's bytes are ASCII letters, digits and apostrophes,
    /// whose lower case is the byte with bit 5 set: one OR in the tokeniser's busiest loop.)
    #[inline]
    pub const fn push(&mut self, b: u8) {
        self.0 ^= (b | 0x20) as u64;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    #[inline]
    pub const fn finish(self, len: usize) -> u64 {
        let mut h = self.0 ^ len as u64;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h
    }
}

#[inline]
pub(crate) const fn fingerprint(bytes: &[u8]) -> u64 {
    let mut fp = Fingerprint::new();
    let mut i = 0;
    while i < bytes.len() {
        fp.push(bytes[i]);
        i += 1;
    }
    fp.finish(bytes.len())
}

/// The word map, frozen for lookups: open addressing over one array of 8-byte slots, each
/// holding the top 48 bits of a fingerprint and the index of its value among the few
/// hundred distinct flag sets. At about 1 MB it stays in a core's L2 cache, and a lookup
/// touches one cache line, where a general-purpose map of 16-byte entries plus control bytes
/// spills to L3 and touches two.
pub(crate) struct WordTable {
    slots: Box<[u64]>,
    mask: usize,
    /// Distinct (flags, phrase list) pairs; list 0 means the word starts no phrase.
    values: Vec<(u64, u16)>,
}

const VALUE_BITS: u64 = 0xFFFF;

impl WordTable {
    fn freeze(
        words: &HashMap<u64, u64, BuildHasherDefault<IdHasher>>,
        lists: &HashMap<u64, u16>,
    ) -> Self {
        let size = (words.len() * 5 / 4).next_power_of_two().max(16);
        let mut slots = vec![0u64; size].into_boxed_slice();
        let mut values: Vec<(u64, u16)> = vec![(0, 0)];
        let mut index: HashMap<(u64, u16), u64> = HashMap::new();
        for (&fp, &f) in words {
            let v = (f, lists.get(&fp).copied().unwrap_or(0));
            let idx = *index.entry(v).or_insert_with(|| {
                values.push(v);
                (values.len() - 1) as u64
            });
            assert!(idx <= VALUE_BITS, "too many distinct lexicon values");
            let mut i = fp as usize & (size - 1);
            while slots[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = (fp & !VALUE_BITS) | idx;
        }
        WordTable {
            slots,
            mask: size - 1,
            values,
        }
    }

    #[inline]
    fn get(&self, fp: u64) -> (u64, u16) {
        let mut i = fp as usize & self.mask;
        loop {
            let s = self.slots[i];
            if s == 0 {
                return (0, 0);
            }
            if (s ^ fp) & !VALUE_BITS == 0 {
                return self.values[(s & VALUE_BITS) as usize];
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// A multi-word cue, in lower case, with the flags it gives every token it covers.
struct Phrase {
    bytes: Box<[u8]>,
    flags: u64,
    /// The last byte, kept beside the length: a first test that rejects most phrases
    /// without reading their bytes.
    last_byte: u8,
    /// Its place in its list, longest first: of two phrases that match, the lower wins.
    rank: u32,
}

/// The phrases that share a first word, grouped by the byte where their second word starts,
/// so that a lookup reads only the phrases that can match ("the" starts hundreds).
struct PhraseList {
    /// Where the second word starts: the first word's length and one.
    probe: usize,
    /// Phrases longer than `probe`, grouped by their byte there, longest first in a group.
    long: Box<[Phrase]>,
    /// Each group's byte and where the group starts in `long`, by byte.
    groups: Box<[(u8, u32)]>,
    /// The rest ("dob:"), longest first.
    short: Box<[Phrase]>,
}

impl PhraseList {
    /// `phrases`: (bytes, length of the first word, flags), in the order they were listed.
    fn new(mut phrases: Vec<(Vec<u8>, usize, u64)>) -> Self {
        phrases.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        let probe = phrases.first().map_or(0, |p| p.1 + 1);
        let (mut long, mut short) = (Vec::new(), Vec::new());
        for (rank, (bytes, first_len, flags)) in phrases.into_iter().enumerate() {
            let bytes = bytes.to_ascii_lowercase().into_boxed_slice();
            let phrase = Phrase {
                last_byte: bytes[bytes.len() - 1],
                bytes,
                flags,
                rank: rank as u32,
            };
            if first_len + 1 == probe && phrase.bytes.len() > probe {
                long.push(phrase);
            } else {
                short.push(phrase);
            }
        }
        // (a stable sort: longest first within a group)
        long.sort_by_key(|p| p.bytes[probe]);
        let mut groups: Vec<(u8, u32)> = Vec::new();
        for (i, p) in long.iter().enumerate() {
            if groups.last().is_none_or(|g| g.0 != p.bytes[probe]) {
                groups.push((p.bytes[probe], i as u32));
            }
        }
        PhraseList {
            probe,
            long: long.into_boxed_slice(),
            groups: groups.into_boxed_slice(),
            short: short.into_boxed_slice(),
        }
    }
}

pub(crate) struct Lexicon {
    words: WordTable,
    /// Phrases grouped by first word; a list's number (from 1) is kept in the word map's
    /// value for that first word.
    phrase_lists: Vec<PhraseList>,
}

impl Lexicon {
    pub fn build() -> Self {
        let mut words: HashMap<u64, u64, BuildHasherDefault<IdHasher>> = HashMap::default();
        words.reserve(100_000);
        let add = |w: &str, f: u64, words: &mut HashMap<u64, u64, BuildHasherDefault<IdHasher>>| {
            let w = w.trim();
            if w.is_empty() || w.starts_with('#') {
                return;
            }
            *words.entry(fingerprint(w.as_bytes())).or_insert(0) |= f;
        };
        for w in ENGLISH_WORDS.lines() {
            add(w, WORD, &mut words);
        }
        for w in GIVEN_NAMES.lines() {
            add(w, GIVEN, &mut words);
        }
        for w in SURNAMES.lines() {
            add(w, SURNAME, &mut words);
        }
        let mut phrase_list: Vec<String> = Vec::new();
        let mut phrase_flags: Vec<u64> = Vec::new();
        for line in PLACES.lines() {
            let l = line.trim().to_ascii_lowercase();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            for w in l.split_whitespace() {
                add(w, PLACE, &mut words);
            }
        }
        for line in ENTITIES.lines().chain(FAMOUS.lines()) {
            let l = line.trim().to_ascii_lowercase();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            phrase_list.push(l);
            phrase_flags.push(ENTITY);
        }
        for w in super::names::HIGHFREQ_WORDS {
            add(w, HIGHFREQ, &mut words);
        }
        for w in STOP_WORDS.split_whitespace() {
            add(w, STOP, &mut words);
        }
        for (list, f) in WORD_CUES {
            for w in list.split_whitespace() {
                if *f == ROLE
                    && !w.ends_with('s')
                    && w.len() > 3
                    && w.bytes().all(|c| c.is_ascii_alphabetic())
                {
                    // "supervisors", "teachers": roles in the plural
                    add(&format!("{w}s"), ROLE, &mut words);
                }
                if w.contains(['.', ':', '/', '\'', '-']) {
                    phrase_list.push(w.to_string());
                    phrase_flags.push(*f);
                }
                add(w, *f, &mut words);
            }
        }
        for (p, f) in PHRASE_CUES {
            for w in p.split('|') {
                phrase_list.push(w.to_string());
                phrase_flags.push(*f);
            }
        }
        let mut phrase_lists: Vec<Vec<(Vec<u8>, usize, u64)>> = Vec::new();
        let mut lists: HashMap<u64, u16> = HashMap::new();
        for (p, f) in phrase_list.iter().zip(phrase_flags) {
            let bytes = p.as_bytes();
            let first_len = bytes
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(bytes.len());
            if first_len == 0 {
                continue;
            }
            let fp = fingerprint(&bytes[..first_len]);
            *words.entry(fp).or_insert(0) |= PHRASE;
            let list = *lists.entry(fp).or_insert_with(|| {
                phrase_lists.push(Vec::new());
                u16::try_from(phrase_lists.len()).expect("too many phrase lists")
            });
            phrase_lists[list as usize - 1].push((bytes.to_vec(), first_len, f));
        }
        Lexicon {
            words: WordTable::freeze(&words, &lists),
            phrase_lists: phrase_lists.into_iter().map(PhraseList::new).collect(),
        }
    }

    /// The longest phrase starting at byte `s` of `text`, given the phrase list of the word
    /// there: its end and flags.
    #[inline]
    pub fn phrase_at(&self, text: &[u8], s: usize, list: u16) -> Option<(usize, u64)> {
        let list = self.phrase_lists.get(usize::from(list).checked_sub(1)?)?;
        let matches = |p: &&Phrase| {
            let e = s + p.bytes.len();
            e <= text.len()
                && text[e - 1].to_ascii_lowercase() == p.last_byte
                && text[s..e].eq_ignore_ascii_case(&p.bytes)
                && (e == text.len()
                    || !(text[e].is_ascii_alphanumeric() && text[e - 1].is_ascii_alphanumeric()))
        };
        let long = text.get(s + list.probe).and_then(|c| {
            let c = c.to_ascii_lowercase();
            let k = list.groups.binary_search_by_key(&c, |g| g.0).ok()?;
            let from = list.groups[k].1 as usize;
            let to = list
                .groups
                .get(k + 1)
                .map_or(list.long.len(), |g| g.1 as usize);
            list.long[from..to].iter().find(matches)
        });
        let rank = long.map_or(u32::MAX, |p| p.rank);
        let best = list
            .short
            .iter()
            .take_while(|p| p.rank < rank)
            .find(matches)
            .or(long)?;
        Some((s + best.bytes.len(), best.flags))
    }

    /// The flags and phrase list (0 for none) of a word, by its fingerprint.
    #[inline]
    pub fn get(&self, fingerprint: u64) -> (u64, u16) {
        self.words.get(fingerprint)
    }
}

/// Multi-word cues, `|`-separated alternatives.
const PHRASE_CUES: &[(&str, u64)] = &[
    (
        "date of birth|birth date|d.o.b|d.o.b.|born on|was born|birthday is|bday is|dob:|dyddiad geni",
        BIRTH,
    ),
    (
        "ideas for|any ideas for|suggestions for|strategies for|my 1:1|my one to one|sat with|sitting with|worked with|i supported|update on|tips for|advice for|help with|worried about|concerned about|1:1 is|my 1:1 is|my one-to-one|1:1 with|one to one with|work with|working with|i support|supporting|i'm supporting|i am supporting|sit with|my little|little one|my group|in my group|my class|in my class|my boy|my girl|my lad|one of my|a boy called|a girl called|a child called|a pupil called|a boy named|a girl named|key child|focus child|key worker for|on the sen register|looked after|in care|child protection|cp plan|social worker|free school meals|pupil premium|reading age|toilet accident|wet himself|wet herself|kicked off|lashed out|ran off|ran out|hit out|had a meltdown|is non-verbal",
        CHILD,
    ),
    (
        "dinner lady|dinner ladies|lollipop lady|lollipop man|office lady|finance lady|booking person|local authority|the la|county council|city council|borough council|head office|head teacher|deputy head|assistant head|class teacher|teaching assistant|learning support|support assistant|speech and language|speech therapist|ed psych|educational psychologist|occupational therapist|school nurse|family support worker|attendance officer|sen officer|send officer|senco|business manager|site manager|office manager|lunchtime supervisor|midday supervisor|early help|outreach|behaviour support|virtual school|inclusion lead|pastoral lead|phase leader|year leader|head of year|trust lead|ceo of|key person|keyperson|room leader|room lead|forest school leader|forest school lead|family liaison|team leader|group leader",
        ROLE,
    ),
    (
        "lives at|lives on|lives in|living at|living on|home address|her address|his address|their address|moved to|moving to|staying at|stays at|picks him up|picks her up|picked him up|picked her up|pick him up|pick her up|picks them up|drops him off|drops her off|dropped off at|picked up from|collected from|taxi|at home|home is|house is|their house|her house|his house|flat at|new address|old address|lives with",
        HOME,
    ),
    (
        "school office|the office|main office|front office|reception desk|call the school|ring the school|contact the school|school number|school phone|office number|office line|our number|helpline|freephone|the council|the trust|switchboard|admissions team|for enquiries|general enquiries",
        PUBLIC,
    ),
    (
        "cerebral palsy|spina bifida|brittle bone|brittle bones|osteogenesis imperfecta|sickle cell|shot dead|cystic fibrosis|muscular dystrophy|fragile x|down syndrome|down's syndrome|williams syndrome|rett syndrome|angelman syndrome|prader-willi|brain tumour|feeding tube|only child in|only pupil|only girl in|only boy in|the only|young carer|in prison|in jail|passed away|house fire|house burned down|house burnt down|home burned down|home burnt down|flat burned down|flat burnt down|found with a knife|carrying a knife|death of a pupil|death of a child|death of a student|death of a year|death of a boy|death of a girl|car crash|car accident|domestic violence|domestic abuse|child protection|on a cp plan|in foster care|foster care|seeking asylum|asylum seeker|on the news|in the paper|in the papers|in the local paper|national champion|won the|heart transplant|kidney transplant|open heart|life-limiting|life limiting|terminal illness|rare condition|rare genetic|genetic condition|rare syndrome|only one in|twins in|triplets in|recently bereaved|lost her mum|lost his mum|lost her dad|lost his dad|lost both|lost both parents|first ever|the first ever|mum died|dad died|killed in|was murdered|was arrested|was excluded|permanently excluded",
        RARE,
    ),
    ("pupil a|pupil b|pupil c|pupil d|pupil x|child a|child b|child c|child x|student a|student b|student x|boy a|girl a|boy b|girl b|learner a|young person a", ANON),
    ("nhs number|nhs no|chi number|chi no|uln|upn|unique pupil number|unique learner number|candidate number|scn|pupil number|learner number", IDCUE),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrase at the start of `text`, by the list of its first word: its text and flags.
    fn phrase(lex: &Lexicon, text: &str) -> Option<(String, u64)> {
        let first = text
            .bytes()
            .position(|c| !c.is_ascii_alphanumeric())
            .unwrap_or(text.len());
        let (_, list) = lex.get(fingerprint(&text.as_bytes()[..first]));
        lex.phrase_at(text.as_bytes(), 0, list)
            .map(|(e, f)| (text[..e].to_string(), f))
    }

    #[test]
    fn the_longest_phrase_a_word_starts_is_the_one_found() {
        let lex = Lexicon::build();
        // "my 1:1 is" over "my 1:1", in any case
        let (found, f) = phrase(&lex, "My 1:1 is off today").unwrap();
        assert_eq!(found, "My 1:1 is");
        assert_ne!(f & CHILD, 0);
        assert_eq!(phrase(&lex, "my 1:1 was off").unwrap().0, "my 1:1");
        // a phrase no longer than its first word and a stop ("dob:")
        let (found, f) = phrase(&lex, "DOB: 3.4.17").unwrap();
        assert_eq!(found, "DOB:");
        assert_ne!(f & BIRTH, 0);
        // a phrase ends at a word's end: "in caretaker" holds no "in care"
        assert_eq!(phrase(&lex, "in caretaker news"), None);
        assert_eq!(phrase(&lex, "in care since May").unwrap().0, "in care");
        // and a text that ends inside the first word of a longer phrase is no match
        assert_eq!(phrase(&lex, "date of"), None);
    }
}
