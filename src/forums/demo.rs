//! Demo forum content for Northshire: categories for each group and region, a few dozen
//! realistic threads with replies and answers, and one post held for a moderator.

use chrono::Duration;
use diesel::prelude::*;

use super::model::HELD;
use super::posting::{count_reply, insert_post, set_level, Outcome};
use super::queries::index_post;
use crate::db::schema::{
    forum_categories as fc, forum_posts as fp, forum_threads as ft, regional_groups, regions, users,
};
use crate::db::Db;

/// (category, title, question, [(reply, is the answer)])
type Demo = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, bool)],
);

const THREADS: &[Demo] = &[
    ("Behaviour", "Calm corners that actually get used", "Our Year 4 class has a calm corner but children only go there when sent. How have you made yours somewhere they choose?", &[
        ("We let the class design it with us: cushions, a sand timer and a feelings fan. Once it was theirs they used it.", true),
        ("Ours has a simple visual: 'I need 2 minutes'. Modelling it ourselves helped.", false)]),
    ("Behaviour", "Lining up after lunch", "Transitions after lunch are chaotic. Any routines that settle a class quickly?", &[
        ("A song that lasts exactly as long as lining up should. By the end of the song everyone is in line.", true),
        ("Counting down from 10 with a quiet hand signal works for our juniors.", false)]),
    ("Behaviour", "Restorative conversations script", "Does anyone have a short script for restorative conversations that works with younger children?", &[
        ("We use three questions: What happened? Who has been affected? What can we do to put it right?", true)]),
    ("Behaviour", "Zones of regulation: worth the training?", "Our school is thinking about Zones of Regulation. Was the training worth it for TAs?", &[
        ("Yes, mostly for the shared language. The resources are easy to make yourself.", false),
        ("We found it works best when the whole school uses it, not just one class.", false)]),
    ("Behaviour", "Reward charts for a whole group", "Do whole-group reward charts work better than individual ones in your experience?", &[
        ("Group ones for cooperation, individual ones only for specific targets agreed with parents.", true)]),
    ("SEND strategies", "Now and next boards for a new starter", "I'm supporting a new starter with autism. How many steps do you put on a now and next board?", &[
        ("Start with just two, now and next, and only add a 'then' once the routine is secure.", true),
        ("Photos of the actual classroom helped more than symbols for us.", false)]),
    ("SEND strategies", "Precision teaching for number bonds", "Has anyone used precision teaching for number bonds to 10? How long per session?", &[
        ("One minute probes, daily, with a chart the pupil colours in themselves. Ten minutes in total.", true)]),
    ("SEND strategies", "Sensory breaks timing", "How often do you schedule sensory breaks for a pupil who seeks movement?", &[
        ("Before they are needed: every 30 minutes for ours, with a timer they can see.", true),
        ("Heavy work jobs (carrying books to the office) double as breaks.", false)]),
    ("SEND strategies", "Writing EHCP outcomes evidence", "What evidence do you keep towards EHCP outcomes without drowning in paperwork?", &[
        ("A quick weekly note against each outcome, with a photo of work where it helps.", false)]),
    ("SEND strategies", "Colourful semantics resources", "Looking for colourful semantics resources for KS1. What do you use?", &[
        ("We made our own colour-coded cards and laminated them; the children love sorting them.", true)]),
    ("SEND strategies", "Supporting a pupil who won't write", "A pupil in my class refuses any writing task. Any ideas beyond scribing?", &[
        ("Try a talking tin or voice recorder first, then write one sentence together from what they said.", true),
        ("Whiteboards feel less permanent, which helps some children start.", false)]),
    ("Phonics", "Keep-up sessions: same day or next day?", "Do you run phonics keep-up sessions the same afternoon or the next morning?", &[
        ("Same day if at all possible, while the sound is fresh.", true)]),
    ("Phonics", "Decodable books running out", "Our Year 1 children have read all the decodable books at their level. What do you do?", &[
        ("We write short decodable stories ourselves using only taught graphemes.", true),
        ("Swap sets with a neighbouring school, it worked well for us last term.", false)]),
    ("Phonics", "Tricky words games", "Quick games for tricky words that work with a group of six?", &[
        ("Splat! Words on the table, say one and they splat it with a hand.", true),
        ("Tricky word bingo is a favourite here.", false)]),
    ("Phonics", "Phonics for older pupils", "I'm running phonics catch-up with Year 5 pupils. How do you keep it age-appropriate?", &[
        ("Use adult-looking materials and frame it as spelling investigations.", true)]),
    ("Phonics", "Blending with robot arms", "Is robot-arm blending still recommended, or has your scheme moved on?", &[
        ("Our scheme now prefers continuous blending; robot arms only for children who need it.", false)]),
    ("Pay and conditions", "Paid for training after hours?", "Should we be paid for twilight training sessions that run past our contracted hours?", &[
        ("Check your contract and the local pay policy; in Northshire most schools pay or give time off in lieu.", true),
        ("Ask your union rep, ours sorted it out quickly.", false)]),
    ("Pay and conditions", "HLTA grade and cover", "How often is it reasonable for an HLTA to cover whole classes?", &[
        ("It should be planned and within your job description; regular cover should be reflected in your grade.", true)]),
    ("Pay and conditions", "Term-time only holiday pay", "How is holiday pay worked out for term-time only contracts?", &[
        ("It's built into your annual salary; the payroll team can show you the calculation.", true)]),
    ("Pay and conditions", "Lunchtime duties and breaks", "I do a lunchtime duty every day. Am I entitled to a break at another time?", &[
        ("Yes, if you work more than six hours you should get an uninterrupted break.", true)]),
    ("Help with the site", "How do I change my working days?", "Where do I set which days I work, so meetings know?", &[
        ("Profile, then tick your days under 'Days you work'.", true)]),
    ("Help with the site", "Why was my post held?", "My post said it was waiting for a moderator. What did I do wrong?", &[
        ("Nothing wrong: some details together could single out a pupil, so a moderator checks first.", true)]),
    ("Help with the site", "Can I mention someone?", "Is there a way to get a colleague's attention on a thread?", &[
        ("Type @ and their name without spaces, like @ClaireBennett.", true)]),
    ("Help with the site", "Email digest", "I get too many emails. Can I have them once a day?", &[
        ("Yes: Forums, Notifications, and choose 'A daily digest'.", true)]),
];

fn user(c: &mut Db, email: &str) -> QueryResult<i64> {
    users::table
        .filter(users::email.eq(email))
        .select(users::id)
        .first(c)
}

fn category(
    c: &mut Db,
    scope: &str,
    name: &str,
    owner: (Option<i64>, Option<i64>, Option<i64>),
    open: bool,
    description: &str,
) -> QueryResult<i64> {
    diesel::insert_into(fc::table)
        .values((
            fc::scope.eq(scope),
            fc::authority_id.eq(owner.0),
            fc::region_id.eq(owner.1),
            fc::group_id.eq(owner.2),
            fc::name.eq(name),
            fc::description.eq(description),
            fc::open_to_authority.eq(open),
            fc::position.eq(0),
            fc::created_at.eq(crate::now()),
        ))
        .returning(fc::id)
        .get_result(c)
}

pub fn thread(
    c: &mut Db,
    category: i64,
    author: i64,
    title: &str,
    body: &str,
    outcome: &Outcome,
) -> QueryResult<i64> {
    let now = crate::now();
    let id: i64 = diesel::insert_into(ft::table)
        .values((
            ft::category_id.eq(category),
            ft::author_id.eq(author),
            ft::title.eq(title),
            ft::anonymous.eq(false),
            ft::status.eq(outcome.status),
            ft::pinned.eq(false),
            ft::locked.eq(false),
            ft::reply_count.eq(0),
            ft::last_post_at.eq(now),
            ft::created_at.eq(now),
        ))
        .returning(ft::id)
        .get_result(c)?;
    let post = insert_post(c, id, author, true, false, body, outcome)?;
    index_post(c, post, title, body)?;
    set_level(c, author, id, "watching")?;
    Ok(id)
}

/// Adds the demo forums; called from `crate::demo::seed` inside its transaction.
pub fn seed(c: &mut Db) -> anyhow::Result<()> {
    let groups: Vec<(i64, i64, i64, String)> = regional_groups::table
        .select((
            regional_groups::id,
            regional_groups::authority_id,
            regional_groups::region_id,
            regional_groups::name,
        ))
        .order(regional_groups::id.asc())
        .load(c)?;
    for (i, (id, authority, region, _)) in groups.iter().enumerate() {
        let owner = (Some(*authority), Some(*region), Some(*id));
        category(
            c,
            "group",
            "General",
            owner,
            false,
            "Anything for the group's members.",
        )?;
        if i == 0 {
            category(
                c,
                "group",
                "Shared with Northshire",
                owner,
                true,
                "Our notes and resources, readable by everyone in the authority.",
            )?;
        }
    }
    let regions: Vec<(i64, i64, String)> = regions::table
        .select((regions::id, regions::authority_id, regions::name))
        .order(regions::id.asc())
        .load(c)?;
    for (id, authority, name) in &regions {
        category(
            c,
            "region",
            &format!("{name} noticeboard"),
            (Some(*authority), Some(*id), None),
            false,
            "Courses, cover and news for schools in the region.",
        )?;
    }
    let network: Vec<(i64, String)> = fc::table
        .filter(fc::scope.eq("network"))
        .select((fc::id, fc::name))
        .load(c)?;
    let authors: Vec<i64> = users::table
        .filter(users::email.like("%@northshire-schools.example"))
        .order(users::id.asc())
        .select(users::id)
        .limit(30)
        .load(c)?;
    let ta = user(c, "ta@oakfield.example")?;
    let coord = user(c, "coord@oakfield.example")?;
    let mut people = vec![ta, coord];
    people.extend(authors);
    for (n, (cat, title, question, replies)) in THREADS.iter().enumerate() {
        let Some((cat_id, _)) = network.iter().find(|(_, name)| name == cat) else {
            continue;
        };
        let author = people[n % people.len()];
        let t = thread(c, *cat_id, author, title, question, &Outcome::visible())?;
        // Spread the conversations over the past few weeks.
        let started = crate::now() - Duration::hours(17 * (THREADS.len() - n) as i64);
        diesel::update(ft::table.find(t))
            .set((ft::created_at.eq(started), ft::last_post_at.eq(started)))
            .execute(c)?;
        diesel::update(fp::table.filter(fp::thread_id.eq(t)))
            .set(fp::created_at.eq(started))
            .execute(c)?;
        for (r, (reply, answer)) in replies.iter().enumerate() {
            let replier = people[(n + r * 3 + 1) % people.len()];
            let post = insert_post(c, t, replier, false, false, reply, &Outcome::visible())?;
            index_post(c, post, "", reply)?;
            count_reply(c, t)?;
            let at = started + Duration::hours(r as i64 + 1);
            diesel::update(fp::table.find(post))
                .set(fp::created_at.eq(at))
                .execute(c)?;
            diesel::update(ft::table.find(t))
                .set(ft::last_post_at.eq(at))
                .execute(c)?;
            if *answer {
                diesel::update(ft::table.find(t))
                    .set((
                        ft::answer_post_id.eq(Some(post)),
                        ft::answered_at.eq(Some(at)),
                    ))
                    .execute(c)?;
            }
        }
    }
    // One post the filter held: the moderators of its category see it in their queue.
    let behaviour = network
        .iter()
        .find(|(_, n)| n == "Behaviour")
        .map(|(id, _)| *id);
    if let Some(cat) = behaviour {
        let held = Outcome {
            status: HELD,
            hold_reason: "Together, these details could single out a pupil (a named school, a class and a rare detail). Make them more general, then save again.".into(),
        };
        thread(c, cat, people[3 % people.len()], "Advice for a pupil in my Year 2 class",
            "At Kettleby Community Primary the only Year 2 pupil with a cochlear implant struggles at wet play. Ideas?", &held)?;
    }
    Ok(())
}
