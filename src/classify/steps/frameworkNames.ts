/**
 * The runtime or framework the configuration and rows show, for steps whose tool text belongs to one of
 * them: a Spring Boot packaging recipe only for a Spring app, a glibc base image of the app's own runtime,
 * the migration history table of the tool that printed the error. Nothing is named on a guess: with no
 * sign, the steps keep their runtime-neutral text.
 */
import type { ContainerSpec } from '../../model';
import { commandWords } from '../stages/configChecks';

/** Signs, one runtime each: the image reference, the start program, env names the runtime reads, its own rows. */
const SIGNS: { runtime: 'spring' | 'dotnet' | 'java' | 'node' | 'python'; image: RegExp; program: RegExp; env: RegExp; rows: RegExp }[] = [
  { runtime: 'spring', image: /spring/i, program: /^$/, env: /^SPRING_/, rows: /org\.springframework|:: Spring Boot ::|\bSpringApplication\b/ },
  {
    runtime: 'dotnet',
    image: /mcr\.microsoft\.com\/dotnet|(?:^|[/:_-])aspnet(?:core)?(?=$|[/:_.-])/i,
    program: /^dotnet$/,
    env: /^(?:ASPNETCORE_|DOTNET_)/,
    rows: /Microsoft\.Hosting\.Lifetime|Content root path: |Hosting environment: |Unhandled exception\. System\./i,
  },
  {
    runtime: 'java',
    image: /(?:^|[/:_-])(?:eclipse-temurin|openjdk|amazoncorretto|jre|jdk)(?=$|[/:_.\d-])/i,
    program: /^java$/,
    env: /^(?:JAVA_OPTS|JAVA_TOOL_OPTIONS|JDK_JAVA_OPTIONS)$/,
    rows: /A fatal error has been detected by the Java Runtime|hs_err_pid|\bat (?:java|javax|jdk)\.\w/,
  },
  { runtime: 'node', image: /(?:^|\/)node(?=$|:)/i, program: /^(?:node|npm|npx|yarn|pnpm)$/, env: /^NODE_OPTIONS$/, rows: /\bnode:internal\/|node_modules\// },
  { runtime: 'python', image: /(?:^|\/)python(?=$|:)/i, program: /^python[\d.]{0,5}$|^(?:gunicorn|uvicorn)$/, env: /^PYTHON[A-Z]{1,20}$/, rows: /Traceback \(most recent call last\)/ },
];

/** A glibc (Debian or Ubuntu) base of each runtime, named as its publisher tags it. */
const GLIBC_BASE: Record<string, string> = {
  dotnet: 'the same .NET runtime on its Debian tag, mcr.microsoft.com/dotnet/aspnet:<version> (the default tag, not -alpine)',
  java: "the same JDK on a Debian or Ubuntu tag, such as eclipse-temurin's -jre-jammy",
  spring: "the same JDK on a Debian or Ubuntu tag, such as eclipse-temurin's -jre-jammy",
  node: 'the same Node.js on its Debian tag, node:<version>-slim',
  python: 'the same Python on its Debian tag, python:<version>-slim',
};

function runtimesOf(spec: ContainerSpec | undefined, rows: readonly string[]): Set<string> {
  const image = typeof spec?.image === 'string' ? spec.image.slice(0, 300) : '';
  const program = (commandWords(spec)[0] ?? '').slice(0, 200).split('/').pop() ?? '';
  const env = (Array.isArray(spec?.env) ? spec!.env : []).map((e) => (typeof e?.name === 'string' ? e.name.slice(0, 200) : ''));
  const text = rows.map((r) => r.slice(0, 2000));
  const found = new Set<string>();
  for (const s of SIGNS) {
    if (s.image.test(image) || (program !== '' && s.program.test(program)) || env.some((n) => s.env.test(n)) || text.some((r) => s.rows.test(r))) found.add(s.runtime);
  }
  return found;
}

/**
 * `springApp` when the app shows Spring (its env, image or rows), and `glibcBase` when exactly one runtime
 * shows (Spring counts as Java): a step then names that runtime's base, never another's.
 */
export function frameworkNames(spec: ContainerSpec | undefined, rows: readonly string[]): Record<string, string> {
  const found = runtimesOf(spec, rows);
  const out: Record<string, string> = {};
  if (found.has('spring')) out.springApp = 'Spring Boot';
  if (found.has('spring')) found.add('java');
  found.delete('spring');
  if (found.size === 1) out.glibcBase = GLIBC_BASE[[...found][0]!]!;
  return out;
}

/** Each migration tool's words in the rows, and the table it records applied migrations in. */
const HISTORY_TABLES: [RegExp, string][] = [
  [/\btypeorm\b|QueryFailedError|MigrationExecutor/i, 'TypeORM\'s `migrations` table'],
  [/SequelizeDatabaseError|sequelize/i, 'Sequelize\'s `SequelizeMeta` table'],
  [/\bknex\b/i, 'Knex\'s `knex_migrations` table'],
  [/\bprisma\b/i, 'Prisma\'s `_prisma_migrations` table'],
  [/Migrations\.Internal\.Migrator|Microsoft\.EntityFrameworkCore|__EFMigrationsHistory/, 'EF Core\'s `__EFMigrationsHistory` table'],
  [/\bflyway\b/i, 'Flyway\'s `flyway_schema_history` table'],
  [/\bliquibase\b/i, 'Liquibase\'s `DATABASECHANGELOG` table'],
  [/\bdjango\b/i, 'Django\'s `django_migrations` table'],
  [/\balembic\b/i, 'Alembic\'s `alembic_version` table'],
  [/ActiveRecord|\brails\b/i, 'Rails\' `schema_migrations` table'],
];
/** A TypeORM migration class's frame (`at async V030A1661692206479.up (`): the migration that failed. */
const TYPEORM_MIGRATION = /\bat (?:async )?(?<migration>[A-Za-z_$][\w$]{0,120})\.up \(/;

/** `historyTable` when exactly one migration tool's words are in the rows; `migration` from its frame. */
export function migrationHistoryNames(rows: readonly string[]): Record<string, string> {
  const text = rows.map((r) => r.slice(0, 2000));
  const tables = HISTORY_TABLES.filter(([re]) => text.some((r) => re.test(r))).map(([, t]) => t);
  const out: Record<string, string> = {};
  if (tables.length === 1) out.historyTable = tables[0]!;
  const migration = text.map((r) => TYPEORM_MIGRATION.exec(r)?.groups?.migration).find(Boolean);
  if (migration && tables[0]?.startsWith('TypeORM')) out.migration = migration;
  return out;
}
