import path from 'node:path';
import type { z } from 'zod';
import { CATEGORIES_IN_USE, serviceLevelsSchema } from '../ledger/service-levels.js';
import { PublicHolidays } from '../ledger/public-holidays.js';
import { inZone } from '../domain/time.js';
import { feeStandardsSchema } from '../fees/fee-standards.js';
import { intentDataSchema, type IntentData } from '../nlu/intent-data.js';
import { faqSchema } from '../faq/faq-index.js';
import { timeWordsSchema } from '../nlu/time-words.js';
import { complaintWordsSchema } from '../complaint/complaint-words.js';
import { unitWordsSchema } from '../domain/unit.js';
import { variantsSchema } from '../nlu/variants.js';
import { llmWordsSchema } from '../nlu/llm/prompt.js';
import { technicianPolicySchema } from '../repair/schedule.js';
import { PhraseCatalog } from '../phrases/catalog.js';
import { namedPhraseKeys } from '../phrases/phrase-usage.js';
import { DATA_DIR } from '../domain/data-path.js';
import type { Store } from '../store/store.js';
import type { StaffRole } from '../store/community-repo.js';
import { emergencySchema } from '../nlu/emergency.js';
import { YamlSource, type Problem } from './yaml-source.js';

/**
 * `wuye check` (and the first thing `wuye start` does): every data file read with its loader's
 * own schema, then checked against the others and against the database — people named who are
 * not on staff, roles nobody fills, levels and fee items nothing uses, phrases the code names but
 * the catalog lacks. Errors stop `wuye start`; warnings are worth a look.
 */
export function checkConfiguration(store: Store, dbFile: string, dataDir = DATA_DIR, now = Date.now()): Problem[] {
  const problems: Problem[] = [];
  const source = (name: string) => new YamlSource(path.join(dataDir, name));

  const intentsFile = source('intents.zh-CN.yaml');
  const intents = intentsFile.parse(intentDataSchema);
  problems.push(...intentsFile.problems);

  const staff = store.community.staffWithProfiles();
  problems.push(...checkTechnicianPolicy(source('technicians.yaml'), new Map(staff.map((s) => [s.id, s.name]))));
  problems.push(...checkServiceLevels(source('service-levels.yaml'), now));
  problems.push(...checkFees(source('fees.yaml'), intents));
  problems.push(...checkPhrases(source('phrases.zh-CN.yaml'), source('console.zh-CN.yaml'), intents));
  for (const [name, schema] of [
    ['faq.zh-CN.yaml', faqSchema],
    ['times.zh-CN.yaml', timeWordsSchema],
    ['units.zh-CN.yaml', unitWordsSchema],
    ['variants.zh-CN.yaml', variantsSchema],
    ['complaints.zh-CN.yaml', complaintWordsSchema],
    ['llm.zh-CN.yaml', llmWordsSchema],
  ] as Array<[string, z.ZodType]>) {
    const file = source(name);
    file.parse(schema);
    problems.push(...file.problems);
  }
  const generalist = (
    new YamlSource(path.join(dataDir, 'technicians.yaml')).value() as { generalist?: string } | undefined
  )?.generalist;
  const emergenciesFile = source('emergencies.zh-CN.yaml');
  const emergencies = emergenciesFile.parse(emergencySchema);
  problems.push(...emergenciesFile.problems);
  const db = path.relative(process.cwd(), dbFile) || dbFile;
  problems.push(...checkStaff(staff, intents, generalist, db));
  if (emergencies) problems.push(...checkOnCall(staff, emergencies, db));
  return problems;
}

function checkTechnicianPolicy(file: YamlSource, staffNames: Map<string, string>): Problem[] {
  const value = file.value() as Record<string, unknown> | undefined;
  const problems: Problem[] = [];
  // An older file named technicians here; their ids may not even exist in this office.
  const named: Array<[PropertyKey[], string]> = [
    ...Object.keys((value?.technicians as object | undefined) ?? {}).map((id): [PropertyKey[], string] => [
      ['technicians', id],
      id,
    ]),
    ...((Array.isArray(value?.on_call) ? value.on_call : []) as unknown[]).map((id, i): [PropertyKey[], string] => [
      ['on_call', i],
      String(id),
    ]),
  ];
  for (const [at, id] of named) {
    const known = staffNames.get(id);
    problems.push(
      file.problem(
        at,
        known
          ? `names staff ${id} (${known}): technicians' skills, weekdays and on_call come with the staff file now ` +
              `(wuye import staff)`
          : `names ${id}, who is not on the staff list: import the office's staff file with skills, weekdays and ` +
              `on_call columns instead`,
      ),
    );
  }
  const rest =
    value && Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'technicians' && k !== 'on_call'));
  const result = technicianPolicySchema.safeParse(rest);
  if (!result.success)
    for (const issue of result.error.issues)
      problems.push(file.problem(issue.path, `${issue.path.join('.') || 'file'}: ${issue.message}`));
  return [...file.problems, ...problems];
}

function checkServiceLevels(file: YamlSource, now: number): Problem[] {
  const levels = file.parse(serviceLevelsSchema);
  if (!levels) return file.problems;
  const problems = [...file.problems];
  const inUse: readonly string[] = CATEGORIES_IN_USE;
  for (const category of inUse) {
    if (!Object.hasOwn(levels.categories, category))
      problems.push(file.problem(['categories'], `no level for category ${category}, which the bot promises under`));
  }
  for (const category of Object.keys(levels.categories)) {
    if (!inUse.includes(category))
      problems.push(
        file.problem(['categories', category], `category ${category} is used by no flow (a typo?)`, 'warning'),
      );
  }
  // Promises run weeks ahead: this year and the coming one must be known, from the package or by hand.
  const year = inZone(now).year();
  for (const y of [year, year + 1]) {
    const byHand = levels.holidays.some((d) => d.startsWith(`${y}-`));
    if (!new PublicHolidays().covers(y) && !byHand) {
      problems.push(
        file.problem(
          ['holidays'],
          `China's public holidays of ${y} are not in the chinese-days package yet: update it (npm update ` +
            `chinese-days), or list that year's holidays and adjusted working days under holidays and workdays`,
          'warning',
        ),
      );
    }
  }
  return problems;
}

function checkFees(file: YamlSource, intents: IntentData | undefined): Problem[] {
  const fees = file.parse(feeStandardsSchema);
  if (!fees || !intents) return file.problems;
  const problems = [...file.problems];
  const cards = Object.keys(intents.card_types);
  const businesses = Object.keys(intents.card_business);
  const categories = Object.keys(intents.repair_categories);
  fees.items.forEach((item, i) => {
    if (item.group === 'card') {
      if (!item.card || !cards.includes(item.card)) {
        problems.push(
          file.problem(
            ['items', i, 'card'],
            `fee item ${item.id}: card "${item.card ?? ''}" is none of ${cards.join(', ')}: no card business uses it`,
          ),
        );
      }
      for (const [j, b] of (item.business ?? []).entries()) {
        if (!businesses.includes(b))
          problems.push(
            file.problem(
              ['items', i, 'business', j],
              `fee item ${item.id}: business "${b}" is none of ${businesses.join(', ')}`,
            ),
          );
      }
      if ((item.business ?? []).length === 0)
        problems.push(file.problem(['items', i], `fee item ${item.id}: no business: no card business uses it`));
    }
    if (item.group === 'repair' && (!item.category || !categories.includes(item.category))) {
      problems.push(
        file.problem(
          ['items', i, 'category'],
          `fee item ${item.id}: "${item.category ?? ''}" is not a repair category (${categories.join(' ')})`,
        ),
      );
    }
  });
  return problems;
}

function checkPhrases(phrasesFile: YamlSource, consoleFile: YamlSource, intents: IntentData | undefined): Problem[] {
  const problems = [...phrasesFile.problems, ...consoleFile.problems];
  const catalogOf = (file: YamlSource) => {
    try {
      return file.doc ? new PhraseCatalog(file.value()) : undefined;
    } catch (error) {
      problems.push({ file: file.shown, severity: 'error', message: (error as Error).message });
      return undefined;
    }
  };
  const bot = catalogOf(phrasesFile);
  const ui = catalogOf(consoleFile);
  const code = path.join(DATA_DIR, '..');
  const named = namedPhraseKeys([path.join(code, 'src'), path.join(code, 'flows')]);
  // Families the code completes at run time from data.
  const derived = [...Object.keys(intents?.complaint_categories ?? {}), 'other'].map((c) => `complaint.empathy.${c}`);
  for (const key of [...named.bot.map((n) => n.key), ...derived]) {
    if (bot && !bot.has(key)) problems.push(phrasesFile.problem([], `no phrase ${key}, which the bot says`));
  }
  for (const { key } of named.console)
    if (ui && !ui.has(key)) problems.push(consoleFile.problem([], `no phrase ${key}, which the console shows`));
  return problems;
}

/** Roles the bot hands work to: without a technician nothing can be booked; the others have stand-ins. */
const ROLE_NEEDED: Record<StaffRole, Problem['severity']> = {
  technician: 'error',
  service: 'warning',
  supervisor: 'warning',
  manager: 'warning',
};

function checkStaff(
  staff: ReturnType<Store['community']['staffWithProfiles']>,
  intents: IntentData | undefined,
  generalist: string | undefined,
  db: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const [role, severity] of Object.entries(ROLE_NEEDED) as Array<[StaffRole, Problem['severity']]>) {
    const reachable = staff.filter((s) => s.role === role && s.wechatId);
    if (reachable.length === 0) {
      problems.push({
        file: db,
        severity,
        message:
          `no ${role} with a wechat id on the staff list: ` +
          `${role === 'technician' ? 'no repair can be booked' : 'their notices go one step up'}`,
      });
    }
  }
  const technicians = staff.filter((s) => s.role === 'technician');
  if (technicians.length > 0 && intents) {
    const all = technicians.some((t) => t.skills === null);
    for (const category of Object.keys(intents.repair_categories)) {
      if (
        !all &&
        !technicians.some(
          (t) => t.skills!.includes(category) || (generalist !== undefined && t.skills!.includes(generalist)),
        )
      ) {
        problems.push({ file: db, severity: 'warning', message: `no technician takes ${category} repairs` });
      }
    }
  }
  return problems;
}

/**
 * An emergency at night pages the technicians on call: one of its trade should be among them (燃气 for a gas
 * leak), or the one who comes cannot close what is open. The generalist does not count: a gas leak is no odd job.
 */
function checkOnCall(
  staff: ReturnType<Store['community']['staffWithProfiles']>,
  emergencies: z.infer<typeof emergencySchema>,
  db: string,
): Problem[] {
  const onCall = staff.filter((s) => s.role === 'technician' && s.wechatId && s.onCall !== false);
  if (onCall.length === 0) return [];
  return Object.entries(emergencies.kinds)
    .filter(([, kind]) => kind.trade !== undefined)
    .filter(([, kind]) => !onCall.some((t) => t.skills === null || t.skills.includes(kind.trade!)))
    .map(([name, kind]) => ({
      file: db,
      severity: 'warning' as const,
      message:
        `no technician on call takes ${kind.trade} repairs: ` +
        `${name} emergencies at night page technicians without that skill`,
    }));
}
