import type { RuleAction } from '../types';
import { RESTART_REVISION } from './commandTemplates';

/**
 * Steps for causes that several categories can carry (a failed migration can read as an unhandled
 * exception or a bare exit 1; a missing database as a login failure): each is gated by the rows' own
 * words, says the fix for that cause, and is `decisive`, so the category's generic steps stand down.
 */

/** A schema migration the app or its entrypoint runs, by tool: what failed and how to run it apart. */
const EF_MIGRATION = /Migrations\.Internal\.Migrator|__EFMigrationsHistory|Applying migration '/;
/** SQL Server's answer to a CREATE that ran before: almost always a migration re-run against a migrated schema. */
const ALREADY_CREATED =
  /There is already an object named '(?<object>[\w.\[\]]{1,128})' in the database|Base table or view already exists: 1050 Table '(?<object_2>[\w.$]{1,128})'|\brelation "(?<object_3>[\w.]{1,120})" already exists\b|\bTable '(?<object_4>[\w.$]{1,128})' already exists\b/;
const RAILS_PENDING = /ActiveRecord::PendingMigrationError|Migrations are pending/;
const RAILS_FAILED = /this and all later migrations canceled/;
/** Django's wrapper, or its bare class name as a Python 2 traceback (or a compose prefix `web_1 | `) prints it. */
const DJANGO_UNMIGRATED = /(?:django\.db\.utils\.|^|[\s|])(?:ProgrammingError|OperationalError): (?:relation "(?<table>[\w.]{1,120})" does not exist|no such table: (?<table_2>[\w.]{1,120}))/;
const DJANGO_HISTORY = /InconsistentMigrationHistory/;
/** The pair Django names: the migration recorded as applied, and the dependency recorded after it (app label, migration). */
const DJANGO_HISTORY_PAIR = /InconsistentMigrationHistory: Migration (?<appliedMigration>\w{1,100}\.\w{1,150}) is applied before its dependency (?<djangoApp>\w{1,100})\.(?<djangoMigration>\w{1,150})/;
const FLYWAY = /FlywayValidateException|Migrations? (?:have )?failed validation|Migration checksum mismatch|FlywayMigrateException/i;
/** Flyway's two refusals, each with the version it names: a migration recorded as failed, an applied one edited since. */
const FLYWAY_FAILED = /Detected failed migration to version (?<migration>\d[\w.]{0,40})/i;
const FLYWAY_CHECKSUM = /Migration checksum mismatch for migration (?:version )?(?<migration>\d[\w.]{0,40})/i;
const ALEMBIC = /Can't locate revision identified by '(?<revisionId>\w{1,64})'/;
const PRISMA = /\bP3009\b|migrate found failed migrations|The `(?<migration>\w{1,120})` migration started at .{1,60} failed/;
/**
 * A missing table in any server's words, through any client (psycopg's UndefinedTable, node-postgres, pq,
 * Rails' PG::UndefinedTable, MySQL, SQL Server), without Django's wrapper: the schema is behind the code,
 * or the migration run itself read a table before the migration that creates it.
 */
const UNDEFINED_TABLE = /\brelation "(?<table>[\w.]{1,120})" does not exist|\bTable '(?<table_2>[\w.$]{1,120})' doesn't exist|\bInvalid object name '(?<table_3>[\w.\[\]]{1,128})'/;
/** Any missing-table line, as a test only. */
const NO_TABLE = /\brelation "[\w.]{1,120}" does not exist|\bno such table: |\bTable '[\w.$]{1,120}' doesn't exist|\bInvalid object name '/;
/** A failed migration recorded in the database's own history: an older image meets it too, so going back does not help. */
export const HISTORY_BLOCKS_ROLLBACK = /Detected failed migration to version|\bP3009\b|migrate found failed migrations/i;
/**
 * A schema migration's own words, as a test (no names): a stage adds such a line to an uncaught exception's
 * evidence when it is the "Caused by" further down the same trace, so the migration's step can speak.
 */
export const MIGRATION_CAUSE = new RegExp(
  [FLYWAY, FLYWAY_FAILED, FLYWAY_CHECKSUM, EF_MIGRATION, ALREADY_CREATED, RAILS_PENDING, RAILS_FAILED, DJANGO_HISTORY, ALEMBIC, PRISMA].map((r) => r.source.replace(/\(\?<\w+>/g, '(')).join('|'),
  'i',
);
/** The revision list, for going back while a migration is fixed (the previous image did not need the table). */
const CHECK_REVISIONS = 'az containerapp revision list -n {app} -g {resourceGroup} -o table';

/** Run apart from the server so a failed migration does not crash-loop every replica. */
const MIGRATE_APART = 'run it as its own step before the app starts (a Container Apps job with the same image, or the entrypoint before the server), not in every replica at start';

export const MIGRATION_STEPS: RuleAction[] = [
  {
    when: EF_MIGRATION,
    decisive: true,
    text: `The EF Core migration the app applies at start failed: the database and its __EFMigrationsHistory table disagree (an object the migration creates already exists, or one it expects is missing). Compare \`dotnet ef migrations list\` with the rows of __EFMigrationsHistory, then either record the migration as applied or remove the stray object; ${MIGRATE_APART} (\`dotnet ef migrations bundle\`).`,
  },
  {
    when: ALREADY_CREATED,
    unless: EF_MIGRATION,
    decisive: true,
    text: `A schema migration tried to create {object}, which the database already has: {migration|the migration}'s record is missing from {historyTable|the tool's migration history table}, so it runs again. Compare the history with the schema, then record the migration as applied or remove the stray object; ${MIGRATE_APART}.`,
  },
  {
    when: RAILS_PENDING,
    decisive: true,
    text: `The schema is behind the code: run \`bin/rails db:migrate\` against this database; ${MIGRATE_APART}.`,
  },
  {
    when: RAILS_FAILED,
    unless: RAILS_PENDING,
    decisive: true,
    text: 'A Rails migration failed and the ones after it were cancelled: fix the failing migration named above the error (the statement it ran is in the rows), check `bin/rails db:migrate:status`, and run `bin/rails db:migrate` again before the server starts.',
  },
  {
    when: DJANGO_UNMIGRATED,
    decisive: true,
    text: `Table {table|the app reads} does not exist: the Django migrations were not applied to this database. Run \`python manage.py migrate\` against it (\`python manage.py showmigrations\` lists what is missing); ${MIGRATE_APART}.`,
  },
  {
    when: DJANGO_HISTORY_PAIR,
    decisive: true,
    text: 'The django_migrations table records {appliedMigration} as applied before its dependency {djangoApp}.{djangoMigration}: see what is recorded with `python manage.py showmigrations {djangoApp}`; when the tables of {djangoMigration} already exist, record it with `python manage.py migrate {djangoApp} {djangoMigration} --fake` (this records every earlier unapplied {djangoApp} migration too, so apply those first), otherwise apply it; then `python manage.py migrate`.',
  },
  {
    when: DJANGO_HISTORY,
    unless: DJANGO_HISTORY_PAIR,
    decisive: true,
    text: 'The django_migrations table records a migration as applied before one it depends on: find the pair in the error, then fake or apply the dependency (`python manage.py migrate <app> <migration> --fake` only when its tables already exist) before `python manage.py migrate`.',
  },
  {
    when: FLYWAY_FAILED,
    decisive: true,
    text: 'Flyway\'s history table (flyway_schema_history) records migration {migration} as failed, so every start stops at validation (an older image would too: the history is in the database): undo what {migration} half-applied in the database (or finish it by hand), then run `flyway repair` once (the CLI, or the build plugin, against the same database) to clear the failed entry; fix the migration itself before it runs again.',
  },
  {
    when: FLYWAY_FAILED,
    text: 'Then restart the revision, so its next start migrates again.',
    command: RESTART_REVISION,
  },
  {
    when: FLYWAY_CHECKSUM,
    unless: FLYWAY_FAILED,
    decisive: true,
    text: 'Migration {migration} was edited after it was applied: the checksum Flyway recorded for it differs from the file in this build. Restore {migration}\'s file to what ran and put the change in a new version, then redeploy; only if the edit is meant to stand (a comment, whitespace), run `flyway repair` to record the new checksum.',
  },
  {
    when: FLYWAY,
    unless: new RegExp(`${FLYWAY_FAILED.source}|${FLYWAY_CHECKSUM.source}`.replace(/\(\?<\w+>/g, '('), 'i'),
    decisive: true,
    text: 'Flyway refused to migrate: a migration already applied to the database was edited since (checksum mismatch) or an earlier one failed. Restore the applied migration file to what ran and put the change in a new version; after a failed migration is cleaned up by hand, `flyway repair` updates the history table.',
  },
  {
    when: ALEMBIC,
    decisive: true,
    text: 'The database\'s alembic_version names revision {revisionId|that} which this image\'s migrations do not have (a newer image migrated it, or a migration file was not copied in): deploy an image that has that revision, or after checking the schema, `alembic stamp` the revision the image has.',
  },
  {
    when: PRISMA,
    decisive: true,
    text: 'Prisma will not apply new migrations while the database\'s _prisma_migrations table records migration {migration|<migration>} as failed (P3009), so every start fails the same way and the previous image would too: undo what the failed migration half-applied (or finish it by hand), then mark it with `npx prisma migrate resolve --rolled-back {migration|<migration>}` (or `--applied {migration|<migration>}` when you completed it), and run `npx prisma migrate deploy` once, as its own step before the app starts.',
  },
  {
    when: UNDEFINED_TABLE,
    unless: DJANGO_UNMIGRATED,
    decisive: true,
    text: `Table {table|the app reads} does not exist in this database: apply the migrations that create it (Django: \`python manage.py migrate\`, \`showmigrations\` lists what is missing; Alembic: \`alembic upgrade head\`; Rails: \`bin/rails db:migrate\`; Prisma: \`npx prisma migrate deploy\`; EF Core: \`dotnet ef database update\`); ${MIGRATE_APART}. When the migration run itself fails on it, a migration reads {table|the table} before the one that creates it: add that migration to the failing one's dependencies.`,
  },
  {
    when: NO_TABLE,
    absent: ['lastHealthy'],
    text: 'Until the migrations are fixed, go back to the previous image or revision (it did not need the table); the list shows which revision last ran healthy.',
    command: CHECK_REVISIONS,
  },
];

/** The server answered, and the database the connection string names is not on it. */
const MYSQL_NO_DATABASE = /Unknown database '(?<database>[\w$.-]{1,64})'/;
const MSSQL_CANNOT_OPEN = /Cannot open database "(?<database>[^"]{1,128})" requested by the login/;
/**
 * MySQL error 1044: the login worked (a wrong password is 1045, "(using password: YES)") and the user has no
 * privilege on the database. A GRANT fixes it, not a new password (docs/steps-review-v21-fresh.md, case 84).
 */
const MYSQL_NO_PRIVILEGE = /Access denied for user '(?<user>[\w.$-]{1,80})'@'(?<grantHost>[\w.%:-]{1,100})' to database '(?<database>[\w$.-]{1,64})'/;
/** All three, for steps that stand down before them (no named groups: a test, not an extraction). */
export const NO_DATABASE = /Unknown database '|Cannot open database ".{1,128}" requested by the login|Error 1044\b|' to database '/;

export const DATABASE_STEPS: RuleAction[] = [
  {
    when: MYSQL_NO_PRIVILEGE,
    decisive: true,
    text: 'MySQL accepted the login of {user} (error 1044, not 1045: the password is right) but {user} has no privilege on database {database}: as an admin, run `GRANT ALL PRIVILEGES ON {database}.* TO \'{user}\'@\'{grantHost}\'` (or only the privileges the app needs), or correct the database name in the connection string. No new password or secret change helps, and the app connects on its next retry or restart.',
  },
  {
    when: MYSQL_NO_DATABASE,
    decisive: true,
    text: 'The MySQL server has no database {database}: create it (`CREATE DATABASE {database}`, or the migration step that creates it) or correct the database name in the connection string; no password or network change helps.',
  },
  {
    when: MSSQL_CANNOT_OPEN,
    decisive: true,
    text: 'The login itself works but database {database} cannot be opened with it: check that the database exists on the server (names must match exactly), or create a user for this login in that database (CREATE USER ... FOR LOGIN, with its roles); a new password does not help.',
  },
];

/** .NET's globalization data missing from the image: a package, or invariant mode. */
const NO_ICU = /Couldn't find a valid ICU package/;
export const ICU_STEPS: RuleAction[] = [
  {
    when: NO_ICU,
    decisive: true,
    text: '.NET needs the ICU libraries for culture data and the image has none: install them in the final stage (`apt-get install -y libicu72` on Debian 12, `apk add --no-cache icu-libs` on Alpine), or, when the app needs no culture-specific formatting, run in invariant mode (DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1, or InvariantGlobalization in the .csproj); the variable creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1',
  },
];

/**
 * An app that bound the loopback address, by the server's own banner: each server has its own host
 * setting, so the step names the one this app reads. Without a banner the step stays runtime-neutral.
 */
const SET_URLS = 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ASPNETCORE_URLS=http://+:{listenPort}';
export const LOOPBACK_LISTEN_STEPS: RuleAction[] = [
  {
    when: /Uvicorn running on/,
    decisive: true,
    text: 'Uvicorn binds 127.0.0.1 unless told otherwise: start it with `--host 0.0.0.0 --port {listenPort}` in the Dockerfile CMD or the app\'s command override.',
  },
  {
    when: /Listening at: https?:\/\/|Starting gunicorn/,
    decisive: true,
    text: 'Gunicorn is bound to {listenAddress}: start it with `--bind 0.0.0.0:{listenPort}` (in the CMD, the command override, or `bind` in gunicorn.conf.py).',
  },
  {
    when: /Serving Flask app|\* Running on https?:\/\//,
    unless: /Uvicorn running on/,
    decisive: true,
    text: 'The Flask development server binds 127.0.0.1 by default: serve the app with gunicorn (`gunicorn --bind 0.0.0.0:{listenPort} <module>:app`), or at least `flask run --host 0.0.0.0 --port {listenPort}`.',
  },
  {
    when: /Now listening on: https?:\/\/|Microsoft\.Hosting\.Lifetime/,
    decisive: true,
    text: 'Kestrel listens on {listenAddress}: set ASPNETCORE_URLS=http://+:{listenPort} (ASPNETCORE_HTTP_PORTS={listenPort} on .NET 8 and later), and remove a localhost URL the app sets itself (UseUrls, Kestrel:Endpoints in appsettings); this creates a new revision.',
    command: SET_URLS,
  },
  {
    when: /Puma starting|\* Listening on (?:http|tcp|ssl):\/\//,
    decisive: true,
    text: 'Puma is bound to {listenAddress}: bind it to all interfaces (`bind "tcp://0.0.0.0:{listenPort}"`, or `port {listenPort}`, in config/puma.rb, or `rails server -b 0.0.0.0`).',
  },
  {
    when: /Tomcat started on port|Netty started on port|:: Spring Boot ::/,
    decisive: true,
    text: 'Spring Boot binds all interfaces unless server.address is set: remove server.address (the SERVER_ADDRESS variable or application properties) or set it to 0.0.0.0, keeping server.port at {listenPort}.',
  },
  {
    when: /Next\.js|▲ Next/,
    decisive: true,
    text: 'The Next.js server binds the host in HOSTNAME: set HOSTNAME=0.0.0.0 on the container (the standalone server.js reads it); this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars HOSTNAME=0.0.0.0',
  },
  // The configuration sets the server's own host variable (OLLAMA_HOST on the ollama image): that is the setting.
  {
    needs: ['bindVar', 'bindValue'],
    decisive: true,
    text: 'The configuration sets {bindVar}, the variable this server reads its listen address from, and the server bound {listenAddress}: set {bindVar} to {bindValue} so ingress and probes can reach port {listenPort}; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {bindVar}={bindValue}',
  },
  {
    fallback: true,
    absent: ['bindVar'],
    text: 'Bind 0.0.0.0 (or [::]) on port {listenPort} instead of {listenAddress}, in the server\'s host or bind setting or its start command.',
  },
];

/**
 * A path refused on an Azure Files (SMB) volume: the share is mounted as root and chown has no effect on
 * it, so the fix is the volume's mountOptions (the container user's uid and gid), set through the YAML.
 */
export const AZURE_FILES_OWNER_STEPS: RuleAction[] = [
  // The uid is the image's, which only the image says (a public image's known one replaces this step:
  // steps/publicImages.ts); 1000 is a guess that leaves the mount owned by the wrong user.
  {
    needs: ['volume'],
    absent: ['chownRefused', 'nfsVolume'],
    text: '{file|The path} is on volume {volume}: an Azure Files (SMB) mount belongs to root and ignores chown, so fixing ownership in the image does not help. Mount it as the container\'s user: find the uid and gid the process runs as (the USER line of the image\'s Dockerfile, or what `docker run --rm --entrypoint id {image|<image>}` prints; an entrypoint that starts as root and switches user with gosu or su-exec runs the server as the user it switches to), export the template (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`), set `mountOptions: uid=<uid>,gid=<gid>` with those ids on volume {volume} under properties.template.volumes, and apply it; this creates a new revision. Or write to a path the user owns outside the mount.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
  },
  // The container's own command is the chown (an init container written to fix ownership): it is what to
  // drop, and the ownership it wanted comes from the mount options instead.
  {
    needs: ['volume', 'chownRefused', 'chownCommandOf'],
    absent: ['nfsVolume'],
    text: 'The {chownContainerKind} {chownCommandOf} itself runs chown on {chownRefused}, which is on Azure Files volume {volume}: an SMB share refuses chown whatever its mountOptions, so {chownCommandOf} fails the same way on every start, and no change to the image helps. Drop that chown and let the mount set ownership: export the template (`az containerapp show -n <app> -g <resource-group> -o yaml > app.yaml`), remove {chownCommandOf} (under properties.template.initContainers for an init container) or the chown from its command, set `mountOptions: uid={chownUid|<uid>},gid={chownGid|<gid>}` on volume {volume} under properties.template.volumes (the ids the app runs as), and apply it; this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --yaml app.yaml',
  },
  // The image's own entrypoint runs chown on the mount: no mount option makes an SMB share accept a chown.
  {
    needs: ['volume', 'chownRefused'],
    absent: ['chownCommandOf', 'nfsVolume'],
    text: 'The image\'s entrypoint itself runs chown on {chownRefused}, which is on Azure Files volume {volume}: an SMB share refuses chown whatever its mountOptions, so the entrypoint fails the same way after any mount change. Skip that chown: start the server directly with a command override that bypasses the entrypoint script, or use the image\'s own setting that turns its ownership fix off; or move {volume} to storage that accepts chown (an NFS Azure Files share, which needs a VNet environment), or to EmptyDir when the data need not outlive the replica.',
  },
  {
    needs: ['volume', 'chownRefused', 'bypassCommand', 'bypassArgs'],
    absent: ['chownCommandOf'],
    text: 'Start {image} without its entrypoint script: run `{bypassCommand} {bypassArgs}` (the image\'s own CMD) as the container\'s command, which leaves out the chown; the process then runs as the user the image starts as ({bypassUser}); this creates a new revision.',
    command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --command {bypassCommand} --args {bypassArgs}',
  },
  // An NFS share keeps Unix owners and takes no uid=/gid= (CIFS options): a chown that fails there is the
  // share squashing root (v23 review B 86, Nextcloud's rsync chown on an NfsAzureFile volume).
  {
    needs: ['volume', 'nfsVolume'],
    text: '{file|The path} is on volume {volume}, an NFS Azure Files share (storage type NfsAzureFile): NFS keeps Unix owners, so `mountOptions: uid=,gid=` (SMB options) do not apply. A chown that fails with "Operation not permitted" there is the share squashing root: set the share\'s root squash to NoRootSquash (replace <storage-account>, <share-name>, the last part of the NFS share path, and <storage-resource-group>), then restart the revision. Or keep root squash and pre-own the files with the uid and gid the app runs as, from a client that mounts the share as root.',
    command: 'az storage share-rm update --storage-account {storageAccount|<storage-account>} -n <share-name> -g <storage-resource-group> --root-squash NoRootSquash',
  },
];
