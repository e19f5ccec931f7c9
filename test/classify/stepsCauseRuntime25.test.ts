/**
 * Steps that fit the cause and the runtime the rows show (docs/steps-review-v22-fresh.md, "native crashes
 * sent after the wrong cause" and "memory fixes that do not match the memory that ran out"): Bun's own crash
 * is the runtime's (another Bun release, the Debian-based image on Alpine), not an addon or a missing CPU
 * instruction when its report lists AVX; a JVM crash frame the rows show is quoted, with another collector
 * for a GC frame; a kill at the limit after "OutOfMemoryError: Metaspace" raises MaxMetaspaceSize where the
 * configuration sets the JVM's options. Each wording is public, with its source; each class has a near miss.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e';
const make = (app: string, image: string, memory = '1Gi') => appFixtures({
  app, resourceGroup: 'rg-apps', subscriptionId: SUB, t0: Date.parse('2026-12-23T10:00:00Z'),
  replica: `${app}--0000004-6d9f7c8b5-a1b2c`, revision: `${app}--0000004`,
  container: { name: app, image, cpu: 0.5, memory, env: [], probes: [] },
});

describe("Bun's own crash is the runtime's", () => {
  // https://github.com/oven-sh/bun/issues/22935 (baseline banner) and https://github.com/oven-sh/bun/issues/18460 (CPU line)
  it('baseline build on a CPU with avx/avx2: another Bun release, no missing-instruction step', () => {
    const { target, config, sys, exit, line } = make('ledger', 'contosoacr.azurecr.io/ledger:bun-1.1.18');
    const rows = [
      line('Bun v1.1.18 (5a0b9352) Linux x64 (baseline)', 1),
      line('Linux Kernel v6.1.0 | glibc v2.36', 1),
      line('CPU: sse42 popcnt avx avx2', 1),
      line('panic: Illegal instruction at address 0x561B44DFE59F', 2),
      line('oh no: Bun has crashed. This indicates a bug in Bun, not your code.', 2),
      line('Illegal instruction (core dumped)', 2),
    ];
    const f = primary({ system: [exit(132, 3), sys('BackOff', 'Back-off restarting failed container ledger', 10), exit(132, 40)], console: rows, target: target(), config: config() });
    expect(texts(f)).toContain('Bun itself crashed (Bun v1.1.18');
    expect(texts(f)).toContain("Bun's baseline build");
    expect(texts(f)).not.toContain('The CPU lacks an instruction');
    expect(texts(f)).not.toContain('Use a build of the program made for baseline');
    expect(texts(f)).not.toContain('native addons');
    expectValidCommands(f);
  });

  // https://github.com/oven-sh/bun/issues/19579: the report itself says the CPU lacks AVX
  it('near miss: a CPU without AVX keeps the missing-instruction step', () => {
    const { target, config, exit, line } = make('ledger', 'contosoacr.azurecr.io/ledger:bun-1.2.11');
    const rows = [
      line('Bun v1.2.11 (cb6abd21) Linux x64 (baseline)', 1),
      line('Features: no_avx2 no_avx', 1),
      line('CPU lacks AVX support. Please consider upgrading to a newer CPU.', 2),
      line('panic: Illegal instruction at address 0x3E3F419', 2),
      line('oh no: Bun has crashed. This indicates a bug in Bun, not your code.', 2),
      line('Illegal instruction', 2),
    ];
    const f = primary({ system: [exit(132, 3), exit(132, 40)], console: rows, target: target(), config: config() });
    expect(texts(f)).toContain('Use a build of the program made for baseline x86-64 CPUs');
    expect(texts(f)).not.toContain("Bun's baseline build (made for CPUs without AVX2)");
  });

  // https://github.com/oven-sh/bun/issues/12447 (the bun.report banner form) on an Alpine image
  it('a segfault of Bun on an Alpine image: the Debian-based oven/bun image, no native-addon check', () => {
    const { target, config, exit, line } = make('sounds', 'contosoacr.azurecr.io/sounds:1-alpine');
    const rows = [
      line('Bun v1.1.18 (5a0b935) on linux x86_64_baseline [RunCommand]', 1),
      line('Segmentation fault at address 0x0004A0D0', 1),
    ];
    const f = primary({ system: [exit(139, 3), exit(139, 40)], console: rows, target: target(), config: config({}, { command: ['bun'], args: ['index.js'] }) });
    expect(texts(f)).toContain('oven/bun:1.1.18-debian');
    expect(texts(f)).toContain('Alpine (musl) image');
    expect(texts(f)).not.toContain('native addons');
    expectValidCommands(f);
  });

  it('near miss: a Node.js segfault on Alpine without Bun\'s banner keeps the native-addon check', () => {
    const { target, config, exit, line } = make('sounds', 'contosoacr.azurecr.io/sounds:1-alpine');
    const rows = [line('> node server.js', 0), line('Segmentation fault (core dumped)', 1)];
    const f = primary({ system: [exit(139, 3), exit(139, 40)], console: rows, target: target(), config: config({}, { command: ['node'], args: ['server.js'] }) });
    expect(texts(f)).not.toContain('Bun itself crashed');
  });
});

describe('a JVM crash frame the rows show is quoted', () => {
  // https://github.com/adoptium/adoptium-support/issues/655 (the report without its "#" prefix, as shipped logs often carry it)
  it('a parallel-GC frame without "#": quoted, the JDK build named, G1 as the workaround', () => {
    const { target, config, exit, line } = make('jobs-admin', 'docker.io/xuxueli/xxl-job-admin:2.4.0');
    const rows = [
      line('A fatal error has been detected by the Java Runtime Environment:', 1),
      line('SIGSEGV (0xb) at pc=0x00007ff36385fba4, pid=75373, tid=75387', 1),
      line('JRE version: OpenJDK Runtime Environment Temurin-11.0.12+7 (11.0.12+7) (build 11.0.12+7)', 1),
      line('Problematic frame:', 1),
      line('V  [libjvm.so+0xcffba4]  oopDesc* PSPromotionManager::copy_to_survivor_space<false>(oopDesc*)+0x144', 1),
    ];
    const f = primary({ system: [exit(134, 3), exit(134, 40)], console: rows, target: target(), config: config() });
    expect(texts(f)).toContain('PSPromotionManager::copy_to_survivor_space');
    expect(texts(f)).toContain('Temurin-11.0.12+7');
    expect(texts(f)).toContain('-XX:+UseG1GC');
    expect(texts(f)).not.toContain('read the "Problematic frame"');
  });

  // https://github.com/adoptium/adoptium-support/issues/550 (the hs_err banner with "#")
  it('a G1 frame: the parallel collector as the workaround', () => {
    const { target, config, exit, line } = make('jobs-admin', 'docker.io/library/tomcat:8.5-jdk8');
    const rows = [
      line('# A fatal error has been detected by the Java Runtime Environment:', 1),
      line('#  SIGSEGV (0xb) at pc=0x00007fb1531d2d55, pid=9928, tid=0x00007fb151afc700', 1),
      line('# JRE version: OpenJDK Runtime Environment (8.0_292-b10) (build 1.8.0_292-b10)', 1),
      line('# Problematic frame:', 1),
      line('# V  [libjvm.so+0x5b3d55]  G1ParScanThreadState::copy_to_survivor_space(InCSetState, oopDesc*, markOopDesc*)+0x35', 1),
    ];
    const f = primary({ system: [exit(134, 3), exit(134, 40)], console: rows, target: target(), config: config() });
    expect(texts(f)).toContain('-XX:+UseParallelGC');
    expect(texts(f)).not.toContain('-XX:+UseG1GC');
  });

  it('near miss: a JVM crash with no frame in the rows keeps "read the Problematic frame"', () => {
    const { target, config, exit, line } = make('jobs-admin', 'docker.io/xuxueli/xxl-job-admin:2.4.0');
    const rows = [
      line('A fatal error has been detected by the Java Runtime Environment:', 1),
      line(' SIGSEGV (0xb) at pc=0x00007fffff54a7a3, pid=7, tid=0x00007ffffd5c3700', 1),
      line('Failed to write core dump. Core dumps have been disabled.', 1),
    ];
    const f = primary({ system: [exit(134, 3), exit(134, 40)], console: rows, target: target(), config: config() });
    expect(texts(f)).toContain('Problematic frame');
    expect(texts(f)).not.toContain('garbage collector');
  });
});

describe('a kill at the limit after OutOfMemoryError: Metaspace', () => {
  const kill = (exit: (c: number, s?: number) => unknown, sys: (r: string, m: string, s?: number) => unknown) =>
    [exit(137, 30), sys('BackOff', 'Back-off restarting failed container gw', 35), exit(137, 90)] as never[];
  // https://github.com/cloudfoundry/java-buildpack/issues/391 (the error) with the buildpack's kill script path
  it('Cloud Foundry buildpack: MaxMetaspaceSize in the JAVA_OPTS the config sets, the calculator named, no working-set check', () => {
    const { target, config, sys, exit, line } = make('gw', 'contosoacr.azurecr.io/gateway:1.0.0-buildpack');
    const rows = [
      line('# java.lang.OutOfMemoryError: Metaspace', 28),
      line('# -XX:OnOutOfMemoryError="/home/vcap/app/.java-buildpack/open_jdk_jre/bin/killjava.sh"', 28),
      line('#   Executing /bin/sh -c "/home/vcap/app/.java-buildpack/open_jdk_jre/bin/killjava.sh"...', 29),
    ];
    const cfg = config({}, { env: [{ name: 'JAVA_OPTS', hasValue: true }, { name: 'JBP_CONFIG_OPEN_JDK_JRE', hasValue: true }] } as never);
    const f = primary({ system: kill(exit, sys), console: rows, target: target(), config: cfg });
    expect(texts(f)).toContain('-XX:MaxMetaspaceSize');
    expect(texts(f)).toContain('JBP_CONFIG_OPEN_JDK_JRE');
    expect(commands(f).some((c) => c.includes("JAVA_OPTS='<current-flags> -XX:MaxMetaspaceSize=256m'"))).toBe(true);
    expect(commands(f).some((c) => c.includes('WorkingSetBytes'))).toBe(false);
    expectValidCommands(f);
  });

  // https://github.com/paketo-buildpacks/libjvm/issues/208 wording without a buildpack or options variable
  it('no options variable: JAVA_TOOL_OPTIONS, and no buildpack step', () => {
    const { target, config, sys, exit, line } = make('gw', 'contosoacr.azurecr.io/gateway:1.0.1');
    const rows = [line('Terminating due to java.lang.OutOfMemoryError: Metaspace', 28)];
    const f = primary({ system: kill(exit, sys), console: rows, target: target(), config: config() });
    expect(commands(f).some((c) => c.includes('JAVA_TOOL_OPTIONS=-XX:MaxMetaspaceSize=256m'))).toBe(true);
    expect(texts(f)).not.toContain('Cloud Foundry');
  });

  it('near miss: a heap OutOfMemoryError before the kill keeps the working-set check and no metaspace step', () => {
    const { target, config, sys, exit, line } = make('gw', 'contosoacr.azurecr.io/gateway:1.0.0');
    const rows = [line('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space', 28)];
    const f = primary({ system: kill(exit, sys), console: rows, target: target(), config: config({}, { env: [{ name: 'JAVA_OPTS', hasValue: true }] } as never) });
    expect(texts(f)).not.toContain('MaxMetaspaceSize');
  });
});

describe("a private CA is given to the runtime's own trust store", () => {
  // https://github.com/jitsi/jitsi-meet/issues/2117 (the JDK's PKIX wording)
  it('Java (PKIX): the JDK trust store, no SSL_CERT_FILE or REQUESTS_CA_BUNDLE', () => {
    const { target, config, exit, line } = make('portal', 'contosoacr.azurecr.io/portal:2.0.0');
    const rows = [line('Caused by: javax.net.ssl.SSLHandshakeException: sun.security.validator.ValidatorException: PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target', 20)];
    const f = primary({ system: [exit(1, 25), exit(1, 60)], console: rows, target: target(), config: config() });
    if (f.ruleId !== 'config.private-ca-untrusted') throw new Error(`rule ${f.ruleId}`);
    expect(texts(f)).toContain('keytool -importcert');
    expect(texts(f)).not.toMatch(/SSL_CERT_FILE|REQUESTS_CA_BUNDLE/);
  });

  // https://github.com/psf/requests/issues/2966 (Python's OpenSSL wording)
  it('near miss: Python requests gets no keytool', () => {
    const { target, config, exit, line } = make('portal', 'contosoacr.azurecr.io/portal:2.0.0');
    const rows = [line("requests.exceptions.SSLError: HTTPSConnectionPool(host='id.acme.test', port=8443): Max retries exceeded with url: /auth (Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get local issuer certificate (_ssl.c:1129)')))", 20)];
    const f = primary({ system: [exit(1, 25), exit(1, 60)], console: rows, target: target(), config: config() });
    expect(texts(f)).not.toContain('keytool');
  });
});

describe('a sidecar that holds the app port moves its own listener first', () => {
  // gunicorn's wording (https://github.com/benoitc/gunicorn/issues/1873) beside a Prometheus exporter sidecar
  it('statsd-exporter on :9000: the check first, then the exporter\'s --web.listen-address', () => {
    const { target, config, exit, line } = make('cf-web', 'contosoacr.azurecr.io/cf-web:3.1.0');
    const cfg = config({
      containers: [
        { name: 'cf-web', image: 'contosoacr.azurecr.io/cf-web:3.1.0', cpu: 0.5, memory: '1Gi', env: [], probes: [], command: ['gunicorn', '-b', ':9000', 'app:app'] },
        { name: 'statsd-exporter', image: 'docker.io/prom/statsd-exporter:v0.26.0', cpu: 0.25, memory: '0.5Gi', env: [], probes: [], args: ['--web.listen-address=:9000'] },
      ],
      ingress: { external: true, targetPort: 9000 },
    } as never);
    const rows = [line('[2026-12-23 10:00:01 +0000] [1] [ERROR] Connection in use: (\'\', 9000)', 1), line('[2026-12-23 10:00:06 +0000] [1] [ERROR] Can\'t connect to (\'\', 9000)', 6)];
    const f = primary({ system: [exit(1, 8), exit(1, 40)], console: rows, target: target(), config: cfg });
    const t = texts(f);
    expect(t).toContain("Move statsd-exporter's own listener");
    expect(t.indexOf('Show each container')).toBeLessThan(t.indexOf('share its network'));
    expect(t).not.toContain('point statsd-exporter at it');
    expectValidCommands(f);
  });
});
