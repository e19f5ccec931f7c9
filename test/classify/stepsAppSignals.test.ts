/**
 * Application-side steps of the eighth steps review (issue #11, review-v8): a native crash follows its own
 * lead (the DataLoader's num_workers=0 hint, the GPU stack or image, glibc's heap check, the package in
 * Python's fault handler trace) instead of one native-library template; GPU memory is not a heap cap; a
 * jar without Main-Class is a build fix, not a missing file; a gunicorn worker class names its package;
 * the port a server listens on is set where that server reads it (Apache `Listen`, nginx `listen`,
 * `flask run --port`, ASPNETCORE_HTTP_PORTS), and the app-wide ingress port is not moved in a way that
 * breaks the rollback offered beside it. Each incident uses a public wording, with its source.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '3e5f7a9b-1c2d-4e6f-8a0b-1c2d3e4f5a6b';
const { target, config, exit, sys, line } = appFixtures({
  app: 'vision-api', resourceGroup: 'rg-ml', subscriptionId: SUB, t0: Date.parse('2026-12-05T10:00:00Z'),
  replica: 'vision-api--0000004-6c8d9e7f5-x2k9p',
  container: { name: 'vision-api', image: 'mlacr.azurecr.io/vision-api:4', cpu: 2, memory: '4Gi', env: [], probes: [] },
});
const SHARP = /sharp\/libvips/;

describe('a native crash follows its own lead', () => {
  it('a DataLoader worker killed by SIGSEGV: num_workers=0 and shared memory, not the libc check', () => {
    // https://github.com/pjl1995/CTracker/issues/15
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('RuntimeError: DataLoader worker (pid 7699) is killed by signal: Segmentation fault. Details are lost due to multiprocessing. Rerunning with num_workers=0 may give better error trace.')],
      target: target(), config: config(),
    });
    expect(f.category).toBe('crash-signal');
    expect(texts(f)).toContain('num_workers=0');
    expect(texts(f)).toContain('/dev/shm');
    expect(texts(f)).not.toMatch(SHARP);
  });

  it('glibc\'s "free(): invalid pointer" before the abort: matching native versions, not the libc/CPU check', () => {
    // https://github.com/yxlijun/Pelee.Pytorch/issues/20
    const f = primary({
      system: [exit(134), exit(134, 40)],
      // The source is a PyTorch training script: the ML-library lead needs that Python evidence (stepsWhenItApplies24).
      console: [line('free(): invalid pointer', -0.1), line('Aborted (core dumped)')],
      target: target(), config: config({}, { command: ['python', 'train.py'] }),
    });
    expect(f.category).toBe('crash-signal');
    expect(texts(f)).toContain('heap corruption ("free(): invalid pointer")');
    expect(texts(f)).toContain('torch with tokenizers');
    expect(texts(f)).not.toMatch(SHARP);
  });

  it('a Python segfault in a GPU inference image: pin the image\'s CUDA/torch build, named by the image', () => {
    // https://github.com/sgl-project/sglang/issues/10350
    const f = primary({
      system: [exit(139), exit(139, 40)],
      console: [line('Fatal Python error: Segmentation fault')],
      target: target(), config: config({}, { image: 'lmsysorg/sglang:v0.4.9' }),
    });
    expect(texts(f)).toContain('the native code of lmsysorg/sglang:v0.4.9, a GPU inference or training image');
    expect(texts(f)).not.toMatch(SHARP);
  });

  it('a Python segfault with its faulthandler frame in site-packages names the package', () => {
    // https://github.com/scrapinghub/splash/issues/1099 (Fatal Python error with the frames that follow)
    const f = primary({
      system: [exit(139), exit(139, 40)],
      console: [line('Fatal Python error: Segmentation fault', -0.2), line('  File "/usr/local/lib/python3.11/site-packages/qt5reactor.py", line 234 in doIteration', -0.1)],
      target: target(), config: config(),
    });
    expect(texts(f)).toContain('Python\'s fault handler');
    expect(texts(f)).not.toMatch(SHARP);
  });

  it('near miss: a Node segfault with no lead keeps the native-dependency check', () => {
    // https://github.com/lovell/sharp/issues/3870 (Segmentation fault in a Node image service)
    const f = primary({ system: [exit(139), exit(139, 40)], console: [line('Segmentation fault (core dumped)')], target: target(), config: config({}, { command: ['node', 'server.js'] }) });
    expect(texts(f)).toMatch(SHARP);
  });

  it('a segfault with no runtime in the command or rows gets the runtime-neutral native check, no Node or Python package names (v19 #28)', () => {
    const f = primary({ system: [exit(139), exit(139, 40)], console: [line('Segmentation fault (core dumped)')], target: target(), config: config() });
    expect(texts(f)).toMatch(/native dependencies/);
    expect(texts(f)).not.toMatch(/sharp|numpy|grpc/);
  });
});

describe('memory and build artefacts', () => {
  it('torch.cuda.OutOfMemoryError is GPU memory: batch, precision, a larger GPU; no heap or container step', () => {
    // https://github.com/FoundationVision/GenerateU/issues/10
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate 496.00 MiB. GPU 0 has a total capacty of 14.75 GiB of which 235.06 MiB is free.')],
      target: target(), config: config(),
    });
    expect(f.category).toBe('out-of-memory');
    expect(texts(f)).toContain('The GPU ran out of memory');
    expect(texts(f)).toContain('batch size');
    expect(texts(f)).toContain('larger GPU');
    expect(texts(f)).not.toMatch(/heap cap|Memory Working Set|next CPU\/memory pair/);
    expect(commands(f).join('\n')).not.toContain('--memory');
  });

  it('"no main manifest attribute": the runnable-jar / Main-Class fix and a deploy, never chmod', () => {
    // https://github.com/apache/dubbo-samples/issues/358
    const f = primary({ system: [exit(1), exit(1, 40)], console: [line('no main manifest attribute, in /app.jar')], target: target(), config: config() });
    expect(f.category).toBe('entrypoint-error');
    expect(f.title).toContain('not an executable jar');
    // No framework in the rows or configuration: the build tool's runnable jar, not Spring Boot's goal.
    expect(texts(f)).toContain('shadowJar');
    expect(texts(f)).toContain('Main-Class');
    expect(texts(f)).not.toContain('chmod +x');
    expect(commands(f).join('\n')).toContain('--image mlacr.azurecr.io/vision-api:<new-tag>');
    expectValidCommands(f);
  });

  it('gunicorn\'s worker class that cannot be loaded names its package (uvicorn), not gunicorn\'s util.py', () => {
    // https://github.com/windson/fastapi/issues/3
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line("Error: class uri 'uvicorn.workers.UvicornWorker' invalid or not found:", -0.1)],
      target: target(), config: config(),
    });
    expect(f.category).toBe('missing-module');
    expect(texts(f)).toContain('worker class uvicorn.workers.UvicornWorker');
    expect(texts(f)).toContain('Add uvicorn to requirements.txt');
    expect(texts(f)).not.toContain('util.py');
  });
});

describe('the port, where the server reads it', () => {
  it('Apache as non-root on port 80: `Listen 8080` in ports.conf, never PORT', () => {
    // https://github.com/nazar-pc/docker-phpmyadmin/issues/25
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [
        line('(13)Permission denied: AH00072: make_sock: could not bind to address [::]:80', -0.3),
        line('(13)Permission denied: AH00072: make_sock: could not bind to address 0.0.0.0:80', -0.2),
        line('no listening sockets available, shutting down', -0.1),
      ],
      target: target(), config: config(),
    });
    expect(f.category).toBe('permission-denied');
    expect(texts(f)).toContain('change `Listen 80` to `Listen 8080` in ports.conf');
    expect(commands(f).join('\n')).toContain('--target-port 8080');
    expect(commands(f).join('\n')).not.toContain('--set-env-vars');
    expectValidCommands(f);
  });

  it('nginx as non-root after an image change: `listen 8080`, and the ingress move is tied to that image, not the rollback', () => {
    // https://github.com/aidlearning/AidLearning-FrameWork/issues/85
    const f = primary({
      system: [exit(1), exit(1, 40)],
      console: [line('nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)')],
      target: target({ revision: 'vision-api--0000004' }),
      config: config({
        latestRevisionName: 'vision-api--0000004',
        changesSinceHealthy: { fromRevision: 'vision-api--0000003', summary: 'image changed to vision-proxy:2.0.0', changes: [{ kind: 'image', container: 'vision-api', before: 'mlacr.azurecr.io/vision-proxy:1.9.0', after: 'mlacr.azurecr.io/vision-proxy:2.0.0' }] },
      } as never),
    });
    expect(texts(f)).toContain('change `listen 80` to `listen 8080`');
    expect(texts(f)).toContain('only together with the change that makes the app listen there');
    expect(texts(f)).toContain('vision-api--0000003 still listens on 80');
    expectValidCommands(f);
  });

  it('Flask on 5000 with ingress on 80: `flask run --port` or FLASK_RUN_PORT, not PORT', () => {
    // https://github.com/matsui528/sis/issues/26 ("* Running on http://0.0.0.0:5000/")
    // https://github.com/microsoft/azure-container-apps/issues/399 (startup probe refused on the target port)
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.18:80: connect: connection refused', 5), sys('StoppingContainer', 'Container vision-api failed startup probe, will be restarted', 9)],
      console: [line(' * Serving Flask app "server" (lazy loading)', 0.5), line(' * Running on http://0.0.0.0:5000/ (Press CTRL+C to quit)', 1)],
      target: target(), config: config({ ingress: { external: true, targetPort: 80 } }),
    });
    expect(commands(f).join('\n')).toContain('--target-port 5000');
    expect(texts(f)).toContain('flask run --port');
    expect(texts(f)).toContain('FLASK_RUN_PORT');
    expect(texts(f)).toContain('app.run(port=...)');
    expect(commands(f).join('\n')).not.toMatch(/--set-env-vars PORT=/);
  });

  it('ASP.NET Core\'s "Microsoft.Hosting.Lifetime" banner: ASPNETCORE_HTTP_PORTS, not PORT', () => {
    // https://github.com/microsoft/azure-container-apps/issues/399
    // https://learn.microsoft.com/aspnet/core/fundamentals/servers/kestrel/endpoints ("Now listening on")
    const f = primary({
      system: [sys('ReplicaUnhealthy', 'Startup probe failed: dial tcp 100.100.0.18:80: connect: connection refused', 5), sys('StoppingContainer', 'Container vision-api failed startup probe, will be restarted', 9)],
      console: [line('info: Microsoft.Hosting.Lifetime[14] Now listening on: http://[::]:5001', 1)],
      target: target(), config: config({ ingress: { external: true, targetPort: 80 } }),
    });
    expect(commands(f).join('\n')).toContain('--target-port 5001');
    expect(commands(f).join('\n')).toContain('--set-env-vars ASPNETCORE_HTTP_PORTS=80');
    expect(commands(f).join('\n')).not.toMatch(/--set-env-vars PORT=/);
    expectValidCommands(f);
  });
});
