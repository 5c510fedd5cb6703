/**
 * Derives the demo sample shipped in `db/seed/demo/` from the Open University Learning Analytics
 * Dataset (OULAD, CC BY 4.0). Run from the repository root:
 *
 *   npx tsx scripts/derive-demo-data.ts path/to/oulad
 *
 * where the folder holds the OULAD CSV files (studentInfo.csv, studentRegistration.csv,
 * assessments.csv, studentAssessment.csv, vle.csv and studentVle.csv.gz).
 *
 * Writes `contacts.csv.gz`, `activities.csv.gz` and `README.md` into `db/seed/demo/`. The output is
 * deterministic: the same input gives the same bytes (sampling and times of day come from SHA-1
 * hashes, never from a random generator or the clock). `studentVle.csv.gz` (315 MB unpacked) is
 * streamed line by line and only the sampled students' rows are kept.
 *
 * How the sample is built (also written into the README):
 * - one presentation (`2014J`, the most recent, all seven modules);
 * - students with a registration date, one enrolment each (the first module alphabetically when a
 *   student took several), the `SAMPLE_SIZE` students with the smallest SHA-1 of `SALT:id_student`;
 * - activities: `logged_in` per day with VLE clicks, `page_viewed` per (day, activity type) without
 *   the navigation types, both from day `VLE_FROM_DAY` on (older clicks would decay to nothing in
 *   the demo models and would triple the size); `assessment_submitted` per non-banked submission and
 *   `course_withdrawn` per unregistration, over the whole presentation.
 * - days stay relative (integer day of the presentation); the seeder places the latest day at
 *   today (or yesterday). Each event gets a deterministic minute of the day.
 */
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { gzipSync, createGunzip } from "node:zlib";
import { parse } from "csv-parse/sync";

// ---- parameters of the derivation (changing any of them changes the shipped sample) -------------
const PRESENTATION = "2014J";
const SAMPLE_SIZE = 3000;
const SALT = "scorecraft-demo-v1";
/** First presentation day whose VLE clicks become `logged_in` / `page_viewed`. */
const VLE_FROM_DAY = 170;
/** VLE activity types that are navigation, not content: no `page_viewed` for them. */
const NAVIGATION_SECTIONS = new Set(["homepage", "subpage"]);

const OUT_DIR = path.join(process.cwd(), "db", "seed", "demo");
const sourceArg = process.argv[2];
if (!sourceArg) {
  console.error("usage: npx tsx scripts/derive-demo-data.ts path/to/oulad");
  process.exit(2);
}
const SOURCE_DIR = path.resolve(sourceArg);

// ---- helpers -------------------------------------------------------------------------------------
type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  const text = readFileSync(path.join(SOURCE_DIR, file), "utf8");
  return parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Row[];
}

function req(row: Row, key: string): string {
  const v = row[key];
  if (v === undefined) throw new Error(`missing column ${key}`);
  return v;
}

function int(value: string, what: string): number {
  const n = Number(value);
  if (value === "" || !Number.isInteger(n)) throw new Error(`bad integer for ${what}: "${value}"`);
  return n;
}

function sha1(text: string): Buffer {
  return createHash("sha1").update(text).digest();
}

/** Relative weight of each hour of the day (UTC) for study sessions: quiet at night, busy evenings. */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 1, 2, 4, 6, 8, 9, 9, 8, 8, 8, 8, 9, 10, 12, 14, 14, 12, 6, 2];
const HOUR_TOTAL = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);

/** A deterministic minute of the day (0–1439) for `key`, with hours weighted by HOUR_WEIGHTS. */
function minuteOfDay(key: string, lastHour = 23): number {
  const h = sha1(key);
  const weights = HOUR_WEIGHTS.slice(0, lastHour + 1);
  const total = lastHour === 23 ? HOUR_TOTAL : weights.reduce((a, b) => a + b, 0);
  let pick = h.readUInt32BE(0) % total;
  let hour = 0;
  for (; hour < weights.length; hour++) {
    const w = weights[hour] ?? 0;
    if (pick < w) break;
    pick -= w;
  }
  return hour * 60 + (h.readUInt32BE(4) % 60);
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

// ---- 1. enrolments and sample --------------------------------------------------------------------
interface Student {
  id: number;
  module: string;
  info: Row;
  regDay: number;
  unregDay: number | null;
}

function sampleStudents(): Map<number, Student> {
  const registration = new Map<string, Row>();
  for (const r of readCsv("studentRegistration.csv")) {
    registration.set(
      `${req(r, "code_module")}|${req(r, "code_presentation")}|${req(r, "id_student")}`,
      r,
    );
  }
  const byStudent = new Map<number, Student>();
  for (const info of readCsv("studentInfo.csv")) {
    if (req(info, "code_presentation") !== PRESENTATION) continue;
    const id = int(req(info, "id_student"), "id_student");
    const module = req(info, "code_module");
    const reg = registration.get(`${module}|${PRESENTATION}|${id}`);
    if (!reg || req(reg, "date_registration") === "") continue;
    const previous = byStudent.get(id);
    if (previous && previous.module <= module) continue;
    const unreg = req(reg, "date_unregistration");
    byStudent.set(id, {
      id,
      module,
      info,
      regDay: int(req(reg, "date_registration"), "date_registration"),
      unregDay: unreg === "" ? null : int(unreg, "date_unregistration"),
    });
  }
  const ranked = [...byStudent.values()]
    .map((s) => ({ s, h: sha1(`${SALT}:${s.id}`).toString("hex") }))
    .sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0))
    .slice(0, SAMPLE_SIZE)
    .map((x) => x.s)
    .sort((a, b) => a.id - b.id);
  console.log(`${byStudent.size} eligible ${PRESENTATION} students, sampled ${ranked.length}`);
  return new Map(ranked.map((s) => [s.id, s]));
}

// ---- 2. events ------------------------------------------------------------------------------------
type EventType = "logged_in" | "page_viewed" | "assessment_submitted" | "course_withdrawn";
const TYPE_ORDER: Record<EventType, number> = {
  logged_in: 0,
  page_viewed: 1,
  assessment_submitted: 2,
  course_withdrawn: 3,
};

interface DerivedEvent {
  student: number;
  day: number;
  minute: number;
  type: EventType;
  section?: string;
  site?: number;
  clicks?: number;
  assessment?: number;
  assessmentType?: string;
  score?: number | null;
  late?: boolean | null;
}

async function vleEvents(sample: Map<number, Student>): Promise<DerivedEvent[]> {
  const sectionOf = new Map<number, string>();
  for (const r of readCsv("vle.csv"))
    sectionOf.set(int(req(r, "id_site"), "id_site"), req(r, "activity_type"));

  // (student, day) -> site -> clicks
  const days = new Map<string, Map<number, number>>();
  const input = createReadStream(path.join(SOURCE_DIR, "studentVle.csv.gz")).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: string[] | null = null;
  let idx = { module: 0, presentation: 1, student: 2, site: 3, date: 4, clicks: 5 };
  let total = 0;
  let kept = 0;
  for await (const line of lines) {
    if (header === null) {
      header = line.split(",").map((h) => h.replace(/"/g, "").trim());
      const at = (name: string) => {
        const i = header?.indexOf(name) ?? -1;
        if (i < 0) throw new Error(`studentVle: missing column ${name}`);
        return i;
      };
      idx = {
        module: at("code_module"),
        presentation: at("code_presentation"),
        student: at("id_student"),
        site: at("id_site"),
        date: at("date"),
        clicks: at("sum_click"),
      };
      continue;
    }
    total++;
    const cols = line.replace(/"/g, "").split(",");
    if (cols[idx.presentation] !== PRESENTATION) continue;
    const student = sample.get(Number(cols[idx.student]));
    if (!student || cols[idx.module] !== student.module) continue;
    const day = Number(cols[idx.date]);
    if (day < VLE_FROM_DAY) continue;
    const site = Number(cols[idx.site]);
    const clicks = Number(cols[idx.clicks]);
    const key = `${student.id}|${day}`;
    let sites = days.get(key);
    if (!sites) days.set(key, (sites = new Map()));
    sites.set(site, (sites.get(site) ?? 0) + clicks);
    kept++;
  }
  console.log(`studentVle: ${total} rows read, ${kept} kept, ${days.size} active student-days`);

  const events: DerivedEvent[] = [];
  for (const [key, sites] of days) {
    const [sid, d] = key.split("|");
    const studentId = Number(sid);
    const day = Number(d);
    const bySection = new Map<string, { clicks: number; site: number; siteClicks: number }>();
    let dayClicks = 0;
    for (const [site, clicks] of sites) {
      dayClicks += clicks;
      const section = sectionOf.get(site);
      if (section === undefined) throw new Error(`unknown id_site ${site}`);
      const s = bySection.get(section);
      if (!s) bySection.set(section, { clicks, site, siteClicks: clicks });
      else {
        s.clicks += clicks;
        if (clicks > s.siteClicks || (clicks === s.siteClicks && site < s.site)) {
          s.site = site;
          s.siteClicks = clicks;
        }
      }
    }
    // A session: log in at a hash-chosen minute (before 22:00), then the sections in hash order,
    // one to four minutes apart.
    let minute = minuteOfDay(`${SALT}:session:${studentId}:${day}`, 21);
    events.push({ student: studentId, day, minute, type: "logged_in", clicks: dayClicks });
    const sections = [...bySection.entries()]
      .filter(([section]) => !NAVIGATION_SECTIONS.has(section))
      .map(([section, v]) => ({
        section,
        ...v,
        h: sha1(`${SALT}:view:${studentId}:${day}:${section}`),
      }))
      .sort((a, b) => Buffer.compare(a.h, b.h));
    for (const s of sections) {
      minute = Math.min(1439, minute + 1 + (s.h.readUInt32BE(0) % 4));
      events.push({
        student: studentId,
        day,
        minute,
        type: "page_viewed",
        section: s.section,
        site: s.site,
        clicks: s.clicks,
      });
    }
  }
  return events;
}

function assessmentEvents(sample: Map<number, Student>): DerivedEvent[] {
  const assessments = new Map<
    number,
    { module: string; presentation: string; type: string; due: number | null }
  >();
  for (const r of readCsv("assessments.csv")) {
    const due = req(r, "date");
    assessments.set(int(req(r, "id_assessment"), "id_assessment"), {
      module: req(r, "code_module"),
      presentation: req(r, "code_presentation"),
      type: req(r, "assessment_type"),
      due: due === "" ? null : int(due, "assessments.date"),
    });
  }
  const events: DerivedEvent[] = [];
  for (const r of readCsv("studentAssessment.csv")) {
    const student = sample.get(int(req(r, "id_student"), "id_student"));
    if (!student) continue;
    const id = int(req(r, "id_assessment"), "id_assessment");
    const a = assessments.get(id);
    if (!a || a.presentation !== PRESENTATION || a.module !== student.module) continue;
    if (req(r, "is_banked") === "1") continue; // carried over from an earlier presentation
    const day = int(req(r, "date_submitted"), "date_submitted");
    const rawScore = req(r, "score");
    events.push({
      student: student.id,
      day,
      minute: minuteOfDay(`${SALT}:submit:${student.id}:${id}`),
      type: "assessment_submitted",
      assessment: id,
      assessmentType: a.type,
      score: rawScore === "" || rawScore === "?" ? null : Number(rawScore),
      late: a.due === null ? null : day > a.due,
    });
  }
  return events;
}

function withdrawalEvents(sample: Map<number, Student>): DerivedEvent[] {
  const events: DerivedEvent[] = [];
  for (const s of sample.values()) {
    if (s.unregDay === null) continue;
    events.push({
      student: s.id,
      day: s.unregDay,
      minute: minuteOfDay(`${SALT}:withdraw:${s.id}`),
      type: "course_withdrawn",
    });
  }
  return events;
}

/** OULAD writes the second deprivation band as `10-20` where all others end in `%`. */
function normaliseImd(band: string): string {
  return band === "10-20" ? "10-20%" : band;
}

const INPUT_FILES = [
  "studentInfo.csv",
  "studentRegistration.csv",
  "assessments.csv",
  "studentAssessment.csv",
  "vle.csv",
  "studentVle.csv.gz",
];

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

// ---- 3. output ------------------------------------------------------------------------------------
function externalId(id: number): string {
  return `oulad-${id}`;
}

const CONTACT_HEADER = [
  "external_id",
  "email",
  "created_day",
  "created_minute",
  "module",
  "gender",
  "region",
  "highest_education",
  "imd_band",
  "age_band",
  "num_of_prev_attempts",
  "studied_credits",
  "disability",
  "outcome",
];

const ACTIVITY_HEADER = [
  "external_id",
  "day",
  "minute",
  "type",
  "module",
  "section",
  "site",
  "clicks",
  "assessment",
  "assessment_type",
  "score",
  "late",
];

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  statSync(path.join(SOURCE_DIR, "studentVle.csv.gz")); // fails early with a clear ENOENT
  console.log(`reading OULAD from ${SOURCE_DIR}`);
  const sample = sampleStudents();
  const events = [
    ...(await vleEvents(sample)),
    ...assessmentEvents(sample),
    ...withdrawalEvents(sample),
  ];
  events.sort(
    (a, b) =>
      a.student - b.student ||
      a.day - b.day ||
      a.minute - b.minute ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      (a.section ?? "").localeCompare(b.section ?? "") ||
      (a.assessment ?? 0) - (b.assessment ?? 0),
  );

  // Contacts exist from their registration, or from their first event if that is earlier, and
  // never after an event of the same day.
  const firstEvent = new Map<number, { day: number; minute: number }>();
  for (const e of events)
    if (!firstEvent.has(e.student)) firstEvent.set(e.student, { day: e.day, minute: e.minute });
  let createdFromEvent = 0;
  const contactRows = [...sample.values()].map((s) => {
    const first = firstEvent.get(s.id);
    let day = s.regDay;
    let minute = minuteOfDay(`${SALT}:register:${s.id}`);
    if (first && first.day < day) {
      day = first.day;
      createdFromEvent++;
    }
    if (first && first.day === day) minute = Math.min(minute, first.minute);
    const i = s.info;
    return [
      externalId(s.id),
      `student.${s.id}@example.edu`,
      day,
      minute,
      s.module,
      req(i, "gender"),
      req(i, "region"),
      req(i, "highest_education"),
      normaliseImd(req(i, "imd_band")),
      req(i, "age_band"),
      int(req(i, "num_of_prev_attempts"), "num_of_prev_attempts"),
      int(req(i, "studied_credits"), "studied_credits"),
      req(i, "disability") === "Y",
      req(i, "final_result"),
    ];
  });

  const activityRows = events.map((e) => {
    const module = sample.get(e.student)?.module ?? "";
    return [
      externalId(e.student),
      e.day,
      e.minute,
      e.type,
      module,
      e.section,
      e.site,
      e.clicks,
      e.assessment,
      e.assessmentType,
      e.score,
      e.late,
    ];
  });

  mkdirSync(OUT_DIR, { recursive: true });
  const contactsGz = gzipSync(csv(CONTACT_HEADER, contactRows), { level: 9 });
  const activitiesGz = gzipSync(csv(ACTIVITY_HEADER, activityRows), { level: 9 });
  writeFileSync(path.join(OUT_DIR, "contacts.csv.gz"), contactsGz);
  writeFileSync(path.join(OUT_DIR, "activities.csv.gz"), activitiesGz);

  const byType = new Map<string, number>();
  for (const e of events) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const e of events) {
    minDay = Math.min(minDay, e.day);
    maxDay = Math.max(maxDay, e.day);
  }
  for (const r of contactRows) minDay = Math.min(minDay, r[2] as number);
  const stats = {
    contacts: contactRows.length,
    activities: events.length,
    byType: Object.fromEntries(
      [...byType].sort(([a], [b]) => TYPE_ORDER[a as EventType] - TYPE_ORDER[b as EventType]),
    ),
    minDay,
    maxDay,
    createdFromEvent,
    contactsBytes: contactsGz.length,
    activitiesBytes: activitiesGz.length,
  };
  const inputs: [string, string][] = [];
  for (const file of INPUT_FILES)
    inputs.push([file, await sha256File(path.join(SOURCE_DIR, file))]);
  writeFileSync(path.join(OUT_DIR, "README.md"), readme({ ...stats, inputs }));
  console.log(JSON.stringify(stats, null, 2));
}

function readme(s: {
  contacts: number;
  activities: number;
  byType: Record<string, number>;
  minDay: number;
  maxDay: number;
  createdFromEvent: number;
  inputs: [string, string][];
  contactsBytes: number;
  activitiesBytes: number;
}): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const inputRows = s.inputs.map(([file, sum]) => `| \`${file}\` | \`${sum}\` |`).join("\n");
  return `<!-- Generated by scripts/derive-demo-data.ts; edit the script, not this file. -->
# Demo data: a sample of the Open University Learning Analytics Dataset (OULAD)

The demo workspace that \`npm start\` seeds is built from these files. They are a small, derived
sample of real (anonymised) data from the Open University (UK): students of online courses play the
part of contacts, their learning-platform visits, assessment submissions and withdrawals play the
part of activities.

## Licence and attribution

- **Source:** Open University Learning Analytics Dataset (OULAD), © The Open University.
  Kuzilek J., Hlosta M., Zdrahal Z. *Open University Learning Analytics dataset.* Scientific Data 4,
  170171 (2017). https://doi.org/10.1038/sdata.2017.171 — https://analyse.kmi.open.ac.uk/open_dataset
- **Licence:** Creative Commons Attribution 4.0 International (CC BY 4.0),
  https://creativecommons.org/licenses/by/4.0/. The files in this directory are under the same
  licence; the rest of the repository's licence does not apply to them.
- **Changes made:** the data was sampled, filtered, aggregated per day and reshaped as described
  below; e-mail addresses and external ids are synthetic; the time of day is synthetic. No new
  personal data was added. Nothing here represents the Open University's views.

## Files

| file | rows | size |
|---|---|---|
| \`contacts.csv.gz\` | ${n(s.contacts)} | ${formatBytes(s.contactsBytes)} |
| \`activities.csv.gz\` | ${n(s.activities)} | ${formatBytes(s.activitiesBytes)} |

Both are UTF-8 CSV (RFC 4180, LF, header row), gzip level 9. \`db/seed/demo-data.ts\` reads them.

**Time.** OULAD has no timestamps: every date is an integer day relative to the start of the
module presentation. The files keep that: \`day\` / \`created_day\` are presentation days
(${s.minDay}…${s.maxDay}), and \`minute\` / \`created_minute\` (0–1439) is a synthetic,
deterministic time of day (a SHA-1 hash of the event's key, weighted towards daytime and evenings).
The seeder places day ${s.maxDay} (the latest) at today, or at yesterday when some of that day's
events would otherwise lie in the future, so the demo scores look current whenever it runs.

### \`contacts.csv.gz\` (one row per student)
\`external_id\` (\`oulad-<id_student>\`), \`email\` (\`student.<id_student>@example.edu\`, fake),
\`created_day\`, \`created_minute\`, then the studentInfo fields: \`module\` (AAA…GGG), \`gender\`
(F/M), \`region\`, \`highest_education\`, \`imd_band\` (deprivation band, empty when unknown;
OULAD's \`10-20\` is written \`10-20%\` like the others), \`age_band\`, \`num_of_prev_attempts\`, \`studied_credits\`, \`disability\` (true/false, from Y/N),
\`outcome\` (OULAD \`final_result\`: Pass, Distinction, Fail, Withdrawn). The loader adds
\`country\` = \`GB\`.

### \`activities.csv.gz\` (one row per event, sorted by student, day, minute)
\`external_id\`, \`day\`, \`minute\`, \`type\`, \`module\`, then per type: \`section\`, \`site\`,
\`clicks\` (VLE events), \`assessment\`, \`assessment_type\`, \`score\`, \`late\` (submissions).

| type | rows | from | properties (built by the loader) |
|---|---|---|---|
| \`logged_in\` | ${n(s.byType.logged_in ?? 0)} | a day with any VLE click | \`clicks\`: all clicks that day |
| \`page_viewed\` | ${n(s.byType.page_viewed ?? 0)} | a (day, VLE activity type) with clicks | \`url\` \`/learn/<module>/<activity_type>/<id_site>\` (the most-clicked resource of that type that day), \`section\` (activity type), \`clicks\` (sum over that type that day) |
| \`assessment_submitted\` | ${n(s.byType.assessment_submitted ?? 0)} | studentAssessment | \`score\` (0–100, absent when missing), \`type\` (TMA, CMA, Exam), \`assessment_id\`, \`late\` (submitted after the due day; absent when there is none) |
| \`course_withdrawn\` | ${n(s.byType.course_withdrawn ?? 0)} | studentRegistration \`date_unregistration\` | \`module\` |

## How the sample was derived (\`scripts/derive-demo-data.ts\`)

1. Presentation \`${PRESENTATION}\` only (the most recent; all seven modules, one common day axis).
2. Students with a registration date; a student with several ${PRESENTATION} enrolments keeps the
   first module alphabetically. The ${n(SAMPLE_SIZE)} students with the smallest
   \`sha1("${SALT}:" + id_student)\` form the sample (deterministic, unbiased by outcome).
3. \`studentVle.csv.gz\` is streamed; rows of the sampled enrolments from day ${VLE_FROM_DAY} on
   are summed per (student, day, site). Each active day gives one \`logged_in\`; each (day, activity
   type) gives one \`page_viewed\`, except the navigation types ${[...NAVIGATION_SECTIONS].map((x) => `\`${x}\``).join(" and ")}.
   Clicks before day ${VLE_FROM_DAY} are left out to keep about 100k activities for a few thousand
   contacts (with 30–60 day half-lives they would add little to the demo scores), so students who
   withdrew earlier have submissions and a withdrawal but no visits.
4. Every non-banked submission of the sampled enrolment (whole presentation) gives one
   \`assessment_submitted\`; every \`date_unregistration\` gives one \`course_withdrawn\`.
5. A contact's \`created_day\` is its registration day, or its first event's day when that is
   earlier (${n(s.createdFromEvent)} contacts), and never later than its first event.
6. Times of day: a study session starts at a hashed minute before 22:00 with \`logged_in\`, its
   \`page_viewed\` events follow in hashed order one to four minutes apart; submissions, withdrawals
   and registrations get their own hashed minute.

Rerunning the script on the same OULAD files produces byte-identical files. The input files
(OULAD's CSVs; \`studentAssessment\` is a re-saved copy with reordered columns and \`?\` for a
missing score, \`studentVle\` was rebuilt from the \`data-edu/oulad\` R package's parquet copy; both
are value-identical to the original) had these SHA-256 sums:

| input | sha256 |
|---|---|
${inputRows}

The example score models built on this data are in \`db/seed/demo-models.ts\`.
`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
