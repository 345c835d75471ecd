/**
 * Demo deals: a sales department's history from 1 January 2026 up to a given instant, in the
 * engine's import shape (`ImportRow`), so a fresh install shows deals on the board and figures in
 * the control room. Deterministic: a seeded pseudo-random generator, never `Math.random`, so the
 * same instant gives the same deals.
 */
import type { DealInput, ImportRow } from "@voronka/engine";
import { standardsBlueprint } from "./blueprint";
import { RUSSIAN_HOLIDAYS_2026 } from "./calendar";
import { F, LOSS_REASONS } from "./fields";
import { P, WARRANTY_STAGES } from "./pipelines";
import { S } from "./stages";
import { t, type LocalText } from "./text";

/** A demo client: a company (B2B) or a private person (B2C). Its id is what deals carry in `client`. */
export interface DemoClient {
  id: string;
  name: LocalText;
  segment: "b2b" | "b2c";
}

const company = (id: string, en: string, ru: string): DemoClient => ({ id, name: t(en, ru), segment: "b2b" });
const person = (id: string, en: string, ru: string): DemoClient => ({ id, name: t(en, ru), segment: "b2c" });

/** The companies and private clients the demo deals are made with. */
export const demoClients: readonly DemoClient[] = [
  company("volga-logistics", "Volga Logistics", "Волга Логистик"),
  company("ural-steel", "Ural Steelworks", "Уральская сталь"),
  company("severny-port", "Severny Port", "Северный порт"),
  company("alfa-stroy", "Alfa-Stroy", "Альфа-Строй"),
  company("kama-agro", "Kama Agro", "Кама Агро"),
  company("neva-retail", "Neva Retail", "Нева Ритейл"),
  company("sibir-energo", "Sibir Energo", "Сибирь Энерго"),
  company("orion-clinic", "Orion Clinic", "Клиника «Орион»"),
  company("baikal-foods", "Baikal Foods", "Байкал Продукты"),
  company("tekhno-park", "Tekhnopark Innovations", "Технопарк Инновации"),
  company("don-motors", "Don Motors", "Дон Моторс"),
  company("altai-pharm", "Altai Pharm", "Алтай Фарм"),
  company("krasny-oktyabr", "Krasny Oktyabr Bakery", "Пекарня «Красный Октябрь»"),
  company("amur-timber", "Amur Timber", "Амур Лес"),
  company("moskva-hotels", "Moskva Hotels", "Гостиницы «Москва»"),
  company("yug-invest", "Yug Invest", "Юг Инвест"),
  company("polyus-media", "Polyus Media", "Полюс Медиа"),
  company("sokol-aero", "Sokol Aero", "Сокол Аэро"),
  company("vostok-telecom", "Vostok Telecom", "Восток Телеком"),
  company("zarya-textile", "Zarya Textile", "Заря Текстиль"),
  company("ladoga-water", "Ladoga Water", "Ладога Вода"),
  company("elbrus-sport", "Elbrus Sport", "Эльбрус Спорт"),
  company("kristall-glass", "Kristall Glass", "Кристалл Стекло"),
  company("pulkovo-catering", "Pulkovo Catering", "Пулково Кейтеринг"),
  company("rubin-bank", "Rubin Bank", "Банк «Рубин»"),
  company("oka-chemicals", "Oka Chemicals", "Ока Химия"),
  company("tundra-mining", "Tundra Mining", "Тундра Майнинг"),
  company("vesna-kids", "Vesna Kids", "Весна Кидс"),
  person("irina-smirnova", "Irina Smirnova", "Ирина Смирнова"),
  person("pavel-orlov", "Pavel Orlov", "Павел Орлов"),
  person("maria-fedorova", "Maria Fedorova", "Мария Фёдорова"),
  person("sergey-kozlov", "Sergey Kozlov", "Сергей Козлов"),
  person("natalia-novikova", "Natalia Novikova", "Наталья Новикова"),
  person("andrey-pavlov", "Andrey Pavlov", "Андрей Павлов"),
  person("olga-semenova", "Olga Semenova", "Ольга Семёнова"),
  person("alexey-egorov", "Alexey Egorov", "Алексей Егоров"),
  person("tatiana-vasilieva", "Tatiana Vasilieva", "Татьяна Васильева"),
  person("mikhail-zaitsev", "Mikhail Zaitsev", "Михаил Зайцев"),
  person("ekaterina-belova", "Ekaterina Belova", "Екатерина Белова"),
  person("nikolay-golubev", "Nikolay Golubev", "Николай Голубев"),
  person("yulia-vinogradova", "Yulia Vinogradova", "Юлия Виноградова"),
  person("dmitry-bogdanov", "Dmitry Bogdanov", "Дмитрий Богданов"),
  person("anastasia-frolova", "Anastasia Frolova", "Анастасия Фролова"),
  person("roman-kiselev", "Roman Kiselev", "Роман Киселёв"),
  person("svetlana-makarova", "Svetlana Makarova", "Светлана Макарова"),
  person("igor-andreev", "Igor Andreev", "Игорь Андреев"),
  person("ksenia-zakharova", "Ksenia Zakharova", "Ксения Захарова"),
  person("vladimir-nikitin", "Vladimir Nikitin", "Владимир Никитин"),
  person("elena-sorokina", "Elena Sorokina", "Елена Сорокина"),
  person("artem-stepanov", "Artem Stepanov", "Артём Степанов"),
  person("daria-romanova", "Daria Romanova", "Дарья Романова"),
  person("maxim-titov", "Maxim Titov", "Максим Титов"),
  person("polina-kuzmina", "Polina Kuzmina", "Полина Кузьмина"),
  person("denis-medvedev", "Denis Medvedev", "Денис Медведев"),
  person("vera-ershova", "Vera Ershova", "Вера Ершова"),
  person("kirill-gusev", "Kirill Gusev", "Кирилл Гусев"),
];

/** The managers of each segment (the demo users' teams). */
const MANAGERS = { b2b: ["ann", "boris", "vera"], b2c: ["dmitry", "elena"] } as const;

/** The first day of the demo history. */
const HISTORY_START = Date.parse("2026-01-01T00:00:00Z");
const DAY = 86_400_000;
/** How many deals a full year of history holds; a shorter history holds proportionally fewer (at least a few). */
const DEALS_PER_HISTORY = 210;
/** Moscow is UTC+3 all year. */
const MSK = 3 * 3_600_000;
const HOLIDAYS = new Set(RUSSIAN_HOLIDAYS_2026);

/** mulberry32: a small seeded PRNG, enough for demo data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const between = (rnd: Random, lo: number, hi: number): number => lo + rnd() * (hi - lo);
/** A sum in roubles rounded to `step`. */
const roubles = (rnd: Random, lo: number, hi: number, step = 5_000): number => Math.round(between(rnd, lo, hi) / step) * step;

/** The Moscow calendar date of an instant, `YYYY-MM-DD`. */
const mskDate = (ms: number): string => new Date(ms + MSK).toISOString().slice(0, 10);
const isWorkingDay = (ms: number): boolean => {
  const day = new Date(ms + MSK).getUTCDay();
  return day !== 0 && day !== 6 && !HOLIDAYS.has(mskDate(ms));
};
/** An ISO instant with the Moscow offset, as a datetime field takes it. */
const mskDateTime = (ms: number): string => `${new Date(ms + MSK).toISOString().slice(0, 16)}:00+03:00`;

/** A moment in Moscow office hours (09:00-18:00) on the first working day on or after `ms`. */
function officeMoment(rnd: Random, ms: number): number {
  let day = Math.floor((ms + MSK) / DAY) * DAY - MSK; // Moscow midnight of that day
  while (!isWorkingDay(day)) day += DAY;
  return day + 9 * 3_600_000 + Math.floor(rnd() * 9 * 60) * 60_000;
}

/** `n` working days (Moscow) after `ms`, at a random office time. */
function afterWorkingDays(rnd: Random, ms: number, n: number): number {
  let day = Math.floor((ms + MSK) / DAY) * DAY - MSK;
  for (let left = n; left > 0;) {
    day += DAY;
    if (isWorkingDay(day)) left--;
  }
  const next = officeMoment(rnd, day);
  return next > ms ? next : ms + 60 * 60_000;
}

/** The process stages of a pipeline of the standards blueprint, in order. */
function processStages(pipeline: string): string[] {
  const p = standardsBlueprint.pipelines.find((x) => x.id === pipeline);
  if (!p) throw new Error(`unknown pipeline '${pipeline}'`);
  return p.stages.filter((s) => s.kind === "process").map((s) => s.id);
}

const file = (name: string, clientId: string) => ({ name, url: `https://files.example.ru/${clientId}/${name}` });
const FEEDBACK = [
  "Liked the proposal; asked for a discount for a two-year contract.",
  "Needs the board's approval; the budget is confirmed.",
  "Compared us with two competitors; our delivery terms won.",
  "Asked to split the payment into two parts.",
  "Wants installation included in the price.",
];
const LOSS_COMMENTS: Record<string, string> = {
  "stopped-answering": "Three calls and two e-mails without an answer.",
  "too-expensive": "The budget was half of our price.",
  "lost-to-competitor": "Chose a competitor with a shorter delivery time.",
  "competitor-monitoring": "Asked for prices only; the company is a competitor.",
  "not-our-product": "Needed a product we do not sell.",
  "not-our-region": "Delivery to a region we do not serve.",
  "mistaken-request": "Sent the request by mistake.",
  "just-looking": "Was comparing prices, no plans to buy this year.",
  duplicate: "A second request from the same client.",
};
/** Loss reasons weighted as a department sees them: silence, price and competitors most often. */
const LOSS_WEIGHTS: readonly [string, number][] = [
  ["stopped-answering", 24], ["too-expensive", 22], ["lost-to-competitor", 16], ["competitor-monitoring", 5], ["not-our-product", 8],
  ["not-our-region", 5], ["mistaken-request", 4], ["just-looking", 12], ["duplicate", 4],
];

function lossReason(rnd: Random): string {
  const total = LOSS_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let x = rnd() * total;
  for (const [id, w] of LOSS_WEIGHTS) {
    x -= w;
    if (x < 0) return id;
  }
  return LOSS_WEIGHTS[0]![0];
}

/** What a deal of a pipeline is about, its amount range and how many working days a stage takes. */
interface Kind {
  pipeline: string;
  segment: "b2b" | "b2c";
  titles: readonly string[];
  amount: [number, number];
  stageDays: [number, number];
}

const KINDS: Record<string, Kind> = {
  [P.b2bNew]: { pipeline: P.b2bNew, segment: "b2b", titles: ["Office equipment supply", "Warehouse automation", "Staff training programme", "Security system installation", "Fleet telematics"], amount: [250_000, 1_800_000], stageDays: [1, 6] },
  [P.b2bRepeat]: { pipeline: P.b2bRepeat, segment: "b2b", titles: ["Consumables reorder", "Support contract renewal", "Additional licences", "Second-site installation", "Spare parts"], amount: [150_000, 1_200_000], stageDays: [1, 4] },
  [P.b2cNew]: { pipeline: P.b2cNew, segment: "b2c", titles: ["Kitchen set", "Home solar panels", "Smart home kit", "Bathroom renovation", "Air conditioner with installation"], amount: [40_000, 320_000], stageDays: [0, 3] },
  [P.b2cRepeat]: { pipeline: P.b2cRepeat, segment: "b2c", titles: ["Filter replacement", "Annual maintenance", "Extra module", "Extended warranty", "Accessories"], amount: [15_000, 140_000], stageDays: [0, 2] },
  [P.warmUp]: { pipeline: P.warmUp, segment: "b2b", titles: ["Webinar invitation", "Trial offer", "Newsletter follow-up"], amount: [5_000, 40_000], stageDays: [3, 8] },
  [P.warranty]: { pipeline: P.warranty, segment: "b2b", titles: ["Warranty: installation", "Warranty: equipment"], amount: [0, 0], stageDays: [2, 10] },
};

/** Pipelines weighted by how many deals each gets. */
const PIPELINE_WEIGHTS: readonly [string, number][] = [
  [P.b2bNew, 28], [P.b2bRepeat, 16], [P.b2cNew, 30], [P.b2cRepeat, 16], [P.warmUp, 6], [P.warranty, 4],
];

/** The fields a deal has once it has entered `stage` (enter) or left it forwards (leave), with what they say. */
function stageFields(stage: string, phase: "enter" | "leave", ctx: { segment: "b2b" | "b2c"; client: DemoClient; amount: number; at: number; eventAt: number; rnd: Random }): Record<string, unknown> {
  const { segment, client, amount, at, rnd } = ctx;
  const b2b = segment === "b2b";
  if (phase === "enter") {
    if (stage === S.contract && b2b) return { [F.legalName]: `LLC «${client.name.en}»`, [F.inn]: String(7_700_000_000 + Math.floor(rnd() * 99_999_999)) };
    if (stage === S.delivery) return { [F.clientAddress]: { text: b2b ? `Moscow, ${client.name.en} office, 12 Leninsky prospekt` : "Moscow, 5 Profsoyuznaya street, flat 14" } };
    return {};
  }
  switch (stage) {
    case S.presentation: return { [F.presentationAt]: mskDateTime(at - 3_600_000), ...(b2b ? { [F.clientSite]: `https://${client.id}.example.ru` } : {}) };
    case S.generalCp: return { [F.generalCpFile]: file("general-cp.pdf", client.id), [F.products]: b2b ? ["goods", "installation"] : ["goods"] };
    case S.feedback: return { [F.clientFeedback]: pick(rnd, FEEDBACK) };
    case S.individualCp: return { [F.individualCpFile]: file("individual-cp.pdf", client.id), ...(b2b ? { [F.dealComplexity]: pick(rnd, ["simple", "standard", "standard", "complex"]) } : {}) };
    case S.contract: return { [F.contractFile]: file("contract.pdf", client.id), [F.eventDate]: mskDate(ctx.eventAt), ...(b2b ? {} : { [F.contactPhone]: "+7 916 555-01-23" }) };
    case S.payment: return { [F.paymentDate]: mskDate(at), [F.paidAmount]: { amount, currency: "RUB" } };
    case S.delivery: return { [F.deliveryBooking]: { resource: pick(rnd, ["crew-1", "crew-2", "van-1"]), from: `${mskDate(ctx.eventAt)}T09:00:00+03:00`, to: `${mskDate(ctx.eventAt)}T18:00:00+03:00` } };
    case S.closingDocs: return { [F.closingDocsFile]: file("act.pdf", client.id) };
    case WARRANTY_STAGES.registration: return { [F.warrantyUntil]: mskDate(at + 365 * DAY) };
    default: return {};
  }
}

/** How a deal ends: won, lost, or still open at some stage. */
type Outcome = "won" | "lost" | "open";

/**
 * The demo history up to `now`: about 210 deals over a year (fewer for a shorter history) in the
 * four sales directions, warm-up and warranty service, from 1 January 2026. Each deal goes through
 * its pipeline's process stages in order, in Moscow office hours, and is won (35-40 %), lost
 * with a loss reason (25-30 %) or still open (recent deals, and a few stalled ones). B2B deals
 * belong to Ann, Boris and Vera, B2C ones to Dmitry and Elena; repeat deals go to clients who have
 * bought before, so revenue splits into new and repeat. Every value is valid for the standards
 * blueprint, and nothing happens after `now`.
 *
 * @example
 * const result = await engine.importDeals(demoDeals(new Date()));
 * result.errors // []
 */
export function demoDeals(now: Date): ImportRow[] {
  const end = now.getTime();
  if (!(end > HISTORY_START + DAY)) return [];
  const rnd = prng(20_260_101);
  const span = Math.min(end - HISTORY_START, 365 * DAY);
  const total = Math.max(6, Math.round((DEALS_PER_HISTORY * span) / (365 * DAY)));
  // Creation times, oldest first; repeat deals need clients who have already bought.
  const starts = Array.from({ length: total }, () => HISTORY_START + rnd() * (end - HISTORY_START)).sort((a, b) => a - b);
  const boughtAt = new Map<string, number>(); // client → when they first won
  const byClient = new Map<string, number>(); // client → deals so far
  const rows: ImportRow[] = [];
  const clientById = new Map(demoClients.map((c) => [c.id, c]));
  const weightTotal = PIPELINE_WEIGHTS.reduce((s, [, w]) => s + w, 0);

  starts.forEach((created, index) => {
    // Won and lost deals are spread over the whole history; open ones are recent (a few stall).
    const r = rnd();
    let outcome: Outcome = r < 0.36 ? "won" : r < 0.7 ? "lost" : "open";
    const start = outcome === "open" && rnd() < 0.85 ? Math.max(HISTORY_START, end - between(rnd, 1, 45) * DAY) : created;
    let x = rnd() * weightTotal;
    let pipeline = PIPELINE_WEIGHTS[0]![0];
    for (const [id, w] of PIPELINE_WEIGHTS) {
      x -= w;
      if (x < 0) { pipeline = id; break; }
    }
    const segment: "b2b" | "b2c" = pipeline === P.b2cNew || pipeline === P.b2cRepeat ? "b2c" : pipeline === P.warmUp ? pick(rnd, ["b2b", "b2c"] as const) : "b2b";
    const buyers = [...boughtAt].filter(([id, at]) => at < start && clientById.get(id)?.segment === segment).map(([id]) => id);
    // A repeat (or warranty) deal needs a client who has bought; without one it is a new-client deal.
    if ((pipeline === P.b2bRepeat || pipeline === P.b2cRepeat || pipeline === P.warranty) && !buyers.length) pipeline = segment === "b2b" ? P.b2bNew : P.b2cNew;
    const kind = KINDS[pipeline]!;
    const pool = demoClients.filter((c) => c.segment === segment);
    const client = pipeline === P.b2bRepeat || pipeline === P.b2cRepeat || pipeline === P.warranty
      ? clientById.get(pick(rnd, buyers))!
      : pick(rnd, pool);
    const responsible = pick(rnd, MANAGERS[segment]);

    const stages = processStages(pipeline);
    // Where the deal stops: a lost deal leaves from some stage, an open one waits in some stage.
    const stopAt = outcome === "won" ? stages.length - 1 : Math.floor(rnd() * stages.length);
    const amount = kind.amount[1] ? roubles(rnd, kind.amount[0], kind.amount[1], segment === "b2b" ? 10_000 : 1_000) : 0;
    const eventAt = officeMoment(rnd, start + between(rnd, 10, 40) * DAY);

    let at = officeMoment(rnd, start);
    if (at >= end) return;
    const createdAt = at;
    const fields: Record<string, unknown> = {
      [F.leadChannel]: pick(rnd, ["website", "call", "referral", "exhibition", "social", "outbound"]),
      [F.contactEmail]: `${client.id.split("-")[0]}@${client.id}.example.ru`,
      [F.contactPhone]: `+7 ${segment === "b2b" ? "495" : "916"} ${String(200 + index).slice(-3)}-${String(10 + ((index * 37) % 90))}-${String(10 + ((index * 53) % 90))}`,
      ...(pipeline === P.warranty ? {} : { [F.leadTemperature]: pipeline === P.warmUp ? "cold" : pick(rnd, ["warm", "warm", "hot"]) }),
    };
    if (pipeline !== P.warranty) fields[F.segment] = segment;
    const moves: { stage: string; at: string }[] = [{ stage: stages[0]!, at: new Date(at).toISOString() }];
    const ctx = (when: number) => ({ segment, client, amount, at: when, eventAt, rnd });
    Object.assign(fields, stageFields(stages[0]!, "enter", ctx(at)));
    let reached = 0;
    for (let i = 1; i <= stopAt; i++) {
      const next = afterWorkingDays(rnd, at, Math.round(between(rnd, kind.stageDays[0], kind.stageDays[1])));
      if (next >= end) break;
      Object.assign(fields, stageFields(stages[i - 1]!, "leave", ctx(next)), stageFields(stages[i]!, "enter", ctx(next)));
      at = next;
      moves.push({ stage: stages[i]!, at: new Date(at).toISOString() });
      reached = i;
    }
    let closedAt: number | null = null;
    if (reached === stopAt && outcome !== "open") {
      const close = afterWorkingDays(rnd, at, Math.round(between(rnd, kind.stageDays[0], kind.stageDays[1])));
      if (close < end) closedAt = close;
    }
    if (closedAt === null) outcome = "open";
    let stage = stages[reached]!;
    if (closedAt !== null && outcome === "won") {
      Object.assign(fields, stageFields(stages[reached]!, "leave", ctx(closedAt)));
      stage = S.success;
      if (pipeline === P.warmUp) fields[F.leadTemperature] = "hot";
    } else if (closedAt !== null) {
      const reason = lossReason(rnd);
      fields[F.lossReason] = reason;
      fields[F.lossComment] = LOSS_COMMENTS[reason] ?? LOSS_REASONS.find((l) => l.id === reason)!.label.en;
      stage = S.failure;
    }
    if (closedAt !== null) moves.push({ stage, at: new Date(closedAt).toISOString() });
    if (outcome === "won" && pipeline !== P.warmUp && closedAt! < (boughtAt.get(client.id) ?? Infinity)) boughtAt.set(client.id, closedAt!);

    const nth = (byClient.get(client.id) ?? 0) + 1;
    byClient.set(client.id, nth);
    rows.push({
      externalId: `demo-${String(index + 1).padStart(3, "0")}`,
      pipeline,
      stage,
      title: `${pick(rnd, kind.titles)} — ${client.name.en}${nth > 1 ? ` #${nth}` : ""}`,
      amount,
      currency: "RUB",
      responsible,
      client: client.id,
      source: "demo",
      fields,
      createdAt: new Date(createdAt).toISOString(),
      ...(closedAt !== null ? { closedAt: new Date(closedAt).toISOString() } : {}),
      moves,
    });
  });
  return rows;
}

/** A live demo deal: created through the engine (so its robots set real tasks), then moved on. */
export interface DemoLiveDeal {
  deal: DealInput;
  /** Moves in order, each with the fields its guards ask for. */
  moves: { stage: string; fields?: Record<string, unknown> }[];
  /** For a deal won live: the client's answer to the NPS survey its success stage sends. */
  answer?: { score: number; reason: string };
}

/**
 * Deals to create live at `now` through `createDeal` and `move`, so the board has tasks with
 * deadlines from the first minute: 5-10 open ones — one or two per manager, in every sales
 * direction, each moved as far as its guards allow with the fields they require — and a few repeat
 * deals won today whose clients answer the NPS survey (a promoter, a passive, a detractor), so the
 * NPS figures and the supervisor's review tasks are there too. Repeat deals go to clients who have
 * won in `history` (default: {@link demoDeals} at `now`).
 *
 * @example
 * for (const { deal, moves, answer } of demoLiveDeals(now)) {
 *   const d = await engine.createDeal(deal);
 *   for (const m of moves) await engine.move(d.id, m.stage, { actor: { user: deal.responsible }, ...(m.fields ? { fields: m.fields } : {}) });
 *   // with `answer`: engine.answerSurvey(<the token of the deal's survey.sent row>, answer)
 * }
 */
export function demoLiveDeals(now: Date, history: readonly ImportRow[] = demoDeals(now)): DemoLiveDeal[] {
  const clientById = new Map(demoClients.map((c) => [c.id, c]));
  const buyers = (segment: "b2b" | "b2c") =>
    [...new Set(history.filter((r) => r.stage === S.success && r.client && clientById.get(r.client)?.segment === segment).map((r) => r.client!))];
  const b2bBuyers = buyers("b2b");
  const b2cBuyers = buyers("b2c");
  const at = mskDateTime(now.getTime() - 3_600_000);
  const contact = (c: DemoClient, channel: string) => ({
    [F.leadTemperature]: "warm", [F.leadChannel]: channel,
    [F.contactEmail]: `${c.id.split("-")[0]}@${c.id}.example.ru`, [F.contactPhone]: c.segment === "b2b" ? "+7 495 700-10-20" : "+7 916 700-30-40",
  });
  const deal = (pipeline: string, clientId: string, title: string, responsible: string, amount: number, channel: string): DealInput => {
    const c = clientById.get(clientId)!;
    return { pipeline, title: `${title} — ${c.name.en}`, amount, currency: "RUB", responsible, client: c.id, source: "demo", fields: contact(c, channel) };
  };
  const live: DemoLiveDeal[] = [
    { deal: deal(P.b2bNew, "tundra-mining", "Warehouse automation", "ann", 1_400_000, "exhibition"), moves: [] },
    {
      deal: deal(P.b2bNew, "vesna-kids", "Staff training programme", "boris", 480_000, "website"),
      moves: [{ stage: S.generalCp, fields: { [F.presentationAt]: at, [F.clientSite]: "https://vesna-kids.example.ru" } }],
    },
    {
      deal: deal(P.b2bNew, "oka-chemicals", "Security system installation", "vera", 920_000, "referral"),
      moves: [
        { stage: S.generalCp, fields: { [F.presentationAt]: at, [F.clientSite]: "https://oka-chemicals.example.ru" } },
        { stage: S.feedback, fields: { [F.generalCpFile]: file("general-cp.pdf", "oka-chemicals"), [F.products]: ["goods", "installation"] } },
      ],
    },
    { deal: deal(P.b2cNew, "kirill-gusev", "Home solar panels", "dmitry", 260_000, "social"), moves: [] },
    {
      deal: deal(P.b2cNew, "vera-ershova", "Kitchen set", "elena", 185_000, "call"),
      moves: [{ stage: S.generalCp, fields: { [F.presentationAt]: at } }],
    },
  ];
  const b2b = b2bBuyers[0];
  if (b2b) live.push({ deal: deal(P.b2bRepeat, b2b, "Support contract renewal", "ann", 360_000, "call"), moves: [] });
  const b2bContract = b2bBuyers[1];
  if (b2bContract) {
    const c = clientById.get(b2bContract)!;
    live.push({
      deal: deal(P.b2bRepeat, b2bContract, "Second-site installation", "vera", 640_000, "referral"),
      moves: [{
        stage: S.contract,
        fields: {
          [F.individualCpFile]: file("individual-cp.pdf", c.id), [F.dealComplexity]: "complex",
          [F.legalName]: `LLC «${c.name.en}»`, [F.inn]: "7701234567",
        },
      }],
    });
  }
  const b2c = b2cBuyers[0];
  if (b2c) live.push({ deal: deal(P.b2cRepeat, b2c, "Annual maintenance", "elena", 45_000, "call"), moves: [] });
  // Won today: contract → payment → delivery → success, then the client's NPS answer.
  const today = mskDate(now.getTime());
  const answers = [
    { score: 10, reason: "Fast delivery and a polite crew." },
    { score: 8, reason: "Good, but the installers came an hour late." },
    { score: 5, reason: "Had to call three times about the invoice." },
  ];
  b2cBuyers.slice(1, 1 + answers.length).forEach((clientId, i) => {
    const amount = [38_000, 62_000, 24_000][i]!;
    live.push({
      deal: deal(P.b2cRepeat, clientId, KINDS[P.b2cRepeat]!.titles[i]!, i % 2 ? "dmitry" : "elena", amount, "call"),
      moves: [
        { stage: S.payment, fields: { [F.contractFile]: file("contract.pdf", clientId), [F.eventDate]: today } },
        { stage: S.delivery, fields: { [F.paymentDate]: today, [F.paidAmount]: { amount, currency: "RUB" }, [F.clientAddress]: { text: "Moscow, 5 Profsoyuznaya street, flat 14" } } },
        { stage: S.success, fields: { [F.deliveryBooking]: { resource: "crew-1", from: `${today}T09:00:00+03:00`, to: `${today}T18:00:00+03:00` } } },
      ],
      answer: answers[i]!,
    });
  });
  return live;
}
