//! Demo data: a fictional authority, Northshire County Council, with regions, schools,
//! groups and about sixty members, and the named demo accounts from the README.

use diesel::prelude::*;

use crate::accounts::model::{NewRoleGrant, NewUser};
use crate::accounts::passwords;
use crate::db::schema::{
    group_memberships, join_requests, regional_groups, role_grants, schools, users,
};
use crate::db::{write_tx, Db};
use crate::directory::queries as dir;

pub const PASSWORD: &str = "commonroom-demo";

const REGIONS: [&str; 3] = ["North Northshire", "Central Northshire", "South Northshire"];

/// (name, phase, postcode, region index)
const SCHOOLS: [(&str, &str, &str, usize); 22] = [
    ("Oakfield Primary School", "Primary", "NS1 2AB", 0),
    ("Brackenhill Infant School", "Primary", "NS1 4CD", 0),
    ("St Aidan's C of E Primary", "Primary", "NS2 1EF", 0),
    ("Northgate Academy", "Secondary", "NS2 6GH", 0),
    ("Heatherbank Junior School", "Primary", "NS3 2JK", 0),
    ("Kettleby Community Primary", "Primary", "NS3 8LM", 0),
    ("Riverside Nursery School", "Nursery", "NS3 9NP", 0),
    ("Millbrook Primary School", "Primary", "NS4 1QR", 1),
    ("Castle Lane Primary", "Primary", "NS4 3ST", 1),
    (
        "Northshire Park Special School",
        "Not applicable",
        "NS4 5UV",
        1,
    ),
    ("Holy Trinity RC Primary", "Primary", "NS5 2WX", 1),
    ("Fernside High School", "Secondary", "NS5 4YZ", 1),
    ("Ashwood Primary Academy", "Primary", "NS5 7AB", 1),
    ("Greystones Primary", "Primary", "NS6 1BD", 1),
    ("Southmoor Primary School", "Primary", "NS7 2DE", 2),
    ("Willowbrook Infants", "Primary", "NS7 5FG", 2),
    ("Lowfield Church School", "Primary", "NS8 1HJ", 2),
    ("Saltmarsh Academy", "Secondary", "NS8 3KL", 2),
    ("Harbourside Primary", "Primary", "NS8 6MN", 2),
    ("Beacon Hill Primary", "Primary", "NS9 2PQ", 2),
    ("Dunmore Early Years Centre", "Nursery", "NS9 4RS", 2),
    ("Elmstead Primary School", "Primary", "NS9 7TU", 2),
];

/// (name, focus, region index, description)
const GROUPS: [(&str, &str, usize, &str); 4] = [
    ("North Northshire TA Network", "locality", 0, "Teaching assistants from schools across North Northshire. We meet once a term, share what works and visit each other's classrooms."),
    ("Central Northshire Support Staff", "locality", 1, "A network for TAs, LSAs and HLTAs in Central Northshire: termly meetings, a lively forum and skill swaps."),
    ("Northshire SEND Network", "send", 1, "For support staff working with pupils with SEND across the county: strategies, training and peer support."),
    ("South Northshire Early Years", "early_years", 2, "Early years practitioners and TAs in nursery and reception classes in South Northshire."),
];

const FIRST: [&str; 20] = [
    "Amira", "Bethan", "Chloe", "Deepa", "Eilidh", "Fatima", "Gemma", "Hannah", "Irena", "Joanne",
    "Kerry", "Lucy", "Marta", "Nadia", "Olivia", "Priya", "Rachel", "Sinead", "Tomasz", "Yusuf",
];
const LAST: [&str; 15] = [
    "Ahmed", "Brown", "Clarke", "Davies", "Evans", "Farah", "Green", "Hughes", "Iqbal", "Jones",
    "Kowalski", "Lewis", "Murphy", "Okafor", "Patel",
];
const JOBS: [&str; 5] = [
    "Teaching Assistant",
    "Learning Support Assistant",
    "HLTA",
    "SEN Teaching Assistant",
    "Early Years Practitioner",
];
const PATTERNS: [(&str, &str); 6] = [
    ("mon,tue,wed,thu,fri", "08:30-15:30"),
    ("mon,tue,wed", "08:30-15:15"),
    ("mon,tue,wed,thu,fri", "09:00-12:00"),
    ("wed,thu,fri", "08:45-15:15"),
    ("mon,tue,thu,fri", "08:30-15:00"),
    ("tue,wed,thu", "08:30-14:30"),
];

/// True when the database has no authorities yet.
pub fn is_empty(conn: &mut Db) -> QueryResult<bool> {
    let n: i64 = crate::db::schema::authorities::table
        .count()
        .get_result(conn)?;
    Ok(n == 0)
}

/// Loads the demo data in one transaction. Refuses if an authority already exists.
pub fn seed(conn: &mut Db) -> anyhow::Result<()> {
    if !is_empty(conn)? {
        anyhow::bail!(
            "the database already has data; demo data is only loaded into an empty database"
        );
    }
    let hash = passwords::hash(PASSWORD)?;
    write_tx(conn, |c| seed_in(c, &hash))
}

fn user(
    c: &mut Db,
    email: &str,
    name: &str,
    hash: &str,
    school: Option<i64>,
    (job, days, hours): (&str, &str, &str),
) -> anyhow::Result<i64> {
    let now = crate::now();
    let mut u = NewUser::member(email, name, Some(hash));
    u.email_verified_at = Some(now);
    u.school_id = school;
    u.job_title = job;
    u.working_days = days;
    u.working_hours = hours;
    Ok(diesel::insert_into(users::table)
        .values(u)
        .returning(users::id)
        .get_result(c)?)
}

fn seed_in(c: &mut Db, hash: &str) -> anyhow::Result<()> {
    let now = crate::now();
    let authority = dir::create_authority(c, "Northshire County Council")?;
    let mut region_ids = Vec::new();
    for r in REGIONS {
        region_ids.push(dir::create_region(c, authority, r)?);
    }
    let mut school_ids = Vec::new();
    for (i, (name, phase, postcode, region)) in SCHOOLS.iter().enumerate() {
        let id: i64 = diesel::insert_into(schools::table)
            .values((
                schools::authority_id.eq(authority),
                schools::region_id.eq(Some(region_ids[*region])),
                schools::urn.eq(format!("{}", 990001 + i)),
                schools::name.eq(name),
                schools::phase.eq(phase),
                schools::postcode.eq(postcode),
                schools::is_open.eq(true),
                schools::created_at.eq(now),
                schools::updated_at.eq(now),
            ))
            .returning(schools::id)
            .get_result(c)?;
        school_ids.push(id);
    }
    let mut group_ids = Vec::new();
    for (name, focus, region, description) in GROUPS {
        let id: i64 = diesel::insert_into(regional_groups::table)
            .values((
                regional_groups::authority_id.eq(authority),
                regional_groups::region_id.eq(region_ids[region]),
                regional_groups::name.eq(name),
                regional_groups::focus.eq(focus),
                regional_groups::description.eq(description),
                regional_groups::created_at.eq(now),
            ))
            .returning(regional_groups::id)
            .get_result(c)?;
        group_ids.push(id);
    }
    let oakfield = school_ids[0];

    let site = user(
        c,
        "site@commonroom.example",
        "Sam Site-Admin",
        hash,
        None,
        ("Commonroom administrator", "mon,tue,wed,thu,fri", ""),
    )?;
    diesel::update(users::table.find(site))
        .set(users::is_site_admin.eq(true))
        .execute(c)?;
    let admin = user(
        c,
        "admin@northshire.example",
        "Alex Morgan",
        hash,
        None,
        (
            "School Workforce Development Officer",
            "mon,tue,wed,thu,fri",
            "09:00-17:00",
        ),
    )?;
    diesel::insert_into(role_grants::table)
        .values(NewRoleGrant::authority_admin(admin, authority))
        .execute(c)?;
    let head = user(
        c,
        "head@oakfield.example",
        "Helen Price",
        hash,
        Some(oakfield),
        ("Headteacher", "mon,tue,wed,thu,fri", "08:00-17:00"),
    )?;
    diesel::insert_into(role_grants::table)
        .values(NewRoleGrant::head(head, authority, oakfield))
        .execute(c)?;
    let coord = user(
        c,
        "coord@oakfield.example",
        "Claire Bennett",
        hash,
        Some(oakfield),
        (
            "HLTA and network coordinator",
            "mon,tue,wed,thu,fri",
            "08:30-15:30",
        ),
    )?;
    let north = dir::group(c, group_ids[0])?;
    dir::grant_coordinator(c, coord, &north)?;
    let ta = user(
        c,
        "ta@oakfield.example",
        "Tara Hughes",
        hash,
        Some(oakfield),
        ("Teaching Assistant", "mon,tue,wed", "08:30-15:15"),
    )?;
    dir::add_member(c, group_ids[0], ta)?;

    // Coordinators for the other groups, then about sixty members spread over schools.
    let mut n = 0usize;
    for (gi, gid) in group_ids.iter().enumerate().skip(1) {
        let name = format!(
            "{} {}",
            FIRST[(gi * 7) % FIRST.len()],
            LAST[(gi * 5) % LAST.len()]
        );
        let email = format!("coordinator{gi}@northshire-schools.example");
        let school = school_ids[7 + gi * 4 % 14];
        let id = user(
            c,
            &email,
            &name,
            hash,
            Some(school),
            ("HLTA", "mon,tue,wed,thu,fri", "08:30-15:30"),
        )?;
        let group = dir::group(c, *gid)?;
        dir::grant_coordinator(c, id, &group)?;
    }
    for i in 0..58 {
        let first = FIRST[i % FIRST.len()];
        let last = LAST[(i * 7 + 3) % LAST.len()];
        let (days, hours) = PATTERNS[i % PATTERNS.len()];
        let school_index = (i * 5 + 1) % school_ids.len();
        let email = format!(
            "{}.{}{}@northshire-schools.example",
            first.to_lowercase(),
            last.to_lowercase(),
            i
        );
        let id = user(
            c,
            &email,
            &format!("{first} {last}"),
            hash,
            Some(school_ids[school_index]),
            (JOBS[i % JOBS.len()], days, hours),
        )?;
        let region = SCHOOLS[school_index].3;
        let home_group = match region {
            0 => group_ids[0],
            1 => group_ids[1],
            _ => group_ids[3],
        };
        if i % 9 == 4 {
            // A few are still waiting for a coordinator to approve them.
            diesel::insert_into(join_requests::table)
                .values((
                    join_requests::group_id.eq(home_group),
                    join_requests::user_id.eq(id),
                    join_requests::message.eq("I'd love to join: I've just started as a TA."),
                    join_requests::status.eq("pending"),
                    join_requests::created_at.eq(now),
                ))
                .execute(c)?;
            continue;
        }
        dir::add_member(c, home_group, id)?;
        if JOBS[i % JOBS.len()].starts_with("SEN") || i % 4 == 0 {
            dir::add_member(c, group_ids[2], id)?;
        }
        n += 1;
    }
    crate::forums::demo::seed(c)?;
    crate::terms::demo::seed_terms(c, authority, oakfield)?;
    let members: i64 = group_memberships::table.count().get_result(c)?;
    tracing::info!(members = n, memberships = members, "demo data loaded");
    Ok(())
}
