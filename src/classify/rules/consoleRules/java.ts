import { LINKS } from '../links';
import { AZURE_FILES_OWNER_STEPS } from '../causeSteps';
import { consoleFamily, JVM_GC_STEP, MUSL_BASE_STEP } from '../categoryText';
import { SHOW_ENV_NAMES } from '../commandTemplates';

/** JVM and Spring Boot. */
export const JAVA_RULES = consoleFamily('java', [
  {
    id: 'console.java.placeholder',
    category: 'missing-configuration',
    title: '{envVar} is not set (Spring property {setting})',
    // Spring quotes the name; Micronaut prints the ${...} expression itself.
    pattern:
      /Could not resolve placeholder (?:'(?<setting>[^':]+)(?::[^']*)?' in (?:value|string value)|\$\{(?<setting_2>[^}:]+)(?::[^}]*)?\})|Error resolving property value \[\$\{(?<setting_3>[^}:]+)\}\]/,
    keywords: ['could not resolve placeholder', 'error resolving property value'],
    confidence: 0.92,
    // Spring's relaxed binding reads property a.b-c from the variable A_BC.
    normalizeNames: (n) =>
      n.setting ? { ...n, envVar: n.setting.replace(/-/g, '').replace(/\./g, '_').toUpperCase() } : n,
    explanation:
      'Spring could not fill a ${...} placeholder: no property, environment variable or secret provides it in this revision.',
  },
  {
    id: 'console.java.spring-bind-failed',
    category: 'missing-configuration',
    title: 'Spring setting {setting|a property} has a value that is not a valid {targetType|value}',
    // Spring Boot's failure analysis: the property, the value, where it came from and why it did not convert.
    pattern:
      /Failed to bind properties under '(?<setting>[\w.\[\]-]{1,200})' to (?<targetType>[\w.$]{1,200})|^\s*Reason: failed to convert java\.lang\.String to (?<targetType_2>[\w.$]{1,200})/,
    keywords: ['failed to bind properties under', 'failed to convert java.lang.string'],
    // The report's Property row, and the variable its Origin row names when the value came from the environment.
    context: /^\s{0,20}Property: (?<setting>[\w.\[\]-]{1,200})(?:\r?\n[^\n]{0,400}\r?\n\s{0,20}Origin: System Environment Property "(?<envVar>\w{1,120})")?/m,
    confidence: 0.88,
    explanation:
      'Spring Boot could not bind {setting|a property} because its value is not a valid {targetType|value} (a word or a URL where a number belongs, say). The value comes from an environment variable ({envVar|its name upper-cased, with _ for . and -, such as SERVER_PORT for server.port}), a profile\'s configuration file or an argument; Spring\'s report lists the value and its origin under the error.',
    actions: [
      {
        needs: ['envVar'],
        text: 'The value comes from environment variable {envVar}, which Spring binds to {setting}: set it to a valid {targetType|value}, or remove it so the default applies; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar}=<value>',
      },
      {
        absent: ['envVar'],
        text: 'Find where {setting|the property} gets its value (the environment variable in relaxed form, a profile\'s application.yml, a command-line argument: the Origin row under the error says which) and give it a valid {targetType|value}.',
      },
      {
        text: 'Check which variables the container has now.',
        command: SHOW_ENV_NAMES,
      },
    ],
  },
  {
    id: 'console.java.spring-unbound-elements',
    category: 'missing-configuration',
    title: 'Spring left {setting|a property} unbound: the configuration class has no such property',
    // Spring Boot's failure analysis for a list or map of settings: a property was given that no field of the
    // target class takes (a key renamed between starter versions, a typo, a value put under the wrong key).
    // The report lists the elements; the first one is named.
    pattern: /\bThe elements \[(?<setting>[\w.\[\]-]{1,200}?)(?:,[^\]]{0,4000})?\] were left unbound/,
    keywords: ['were left unbound'],
    context: /^\s{0,20}Origin: (?<origin>[^\n]{1,300})/m,
    confidence: 0.86,
    explanation:
      'Spring Boot bound the configuration properties under a prefix to a class, and {setting|a property} has no field to go to: the key is misspelt, renamed in this version of the library, or the value was put under the wrong key (the Origin row says which file or variable set it). The application stops at start.',
    actions: [
      {
        decisive: true,
        text: 'Rename or remove {setting|the property} where the report\'s Origin row says it is set ({origin|a properties file, a profile or an environment variable}): use the key the library documents for this version (for a store, its endpoint or connection-string key), then redeploy.',
      },
      { text: 'Check which variables the container has now.', command: SHOW_ENV_NAMES },
    ],
  },
  {
    id: 'console.java.helidon-config-source-type',
    category: 'missing-configuration',
    title: 'Helidon\'s meta-configuration {file|} asks for config source type {sourceType}, which is not available',
    // Helidon reads a meta-config.yaml (found in the working directory or on the classpath) that lists the config
    // sources; a type no provider on the classpath supports (an MP-style "properties" source read by SE config,
    // a custom type) stops the start. The finder logs the file it used just before.
    pattern: /\bConfig source of type (?<sourceType>[\w.-]{1,80}) is not supported\. Supported types/,
    keywords: ['config source of type'],
    context: /Found meta configuration file: (?<file>\S{1,300})/,
    confidence: 0.86,
    explanation:
      'Helidon\'s configuration is set up by a meta-configuration file that lists its sources, and one of them has type {sourceType}, which no config source provider on the classpath supports. Either the file is not meant for this application (an MP meta-config read by SE config, a file left in the working directory) or the module that provides the type is missing.',
    actions: [
      {
        decisive: true,
        text: 'Fix the meta-configuration {file|file}: use a source type from the supported list the error prints (file, classpath, environment-variables...), or remove the file from the image\'s working directory if it belongs to another application; then rebuild the image.',
      },
      'If {sourceType} comes from a module (a YAML, HOCON or custom source), add that module to the application\'s dependencies.',
    ],
  },
  {
    id: 'console.java.datasource-url',
    category: 'missing-configuration',
    actions: [
      {
        text: 'Store the JDBC URL as an app secret; replace <value> with it.',
        command: 'az containerapp secret set -n {app} -g {resourceGroup} --secrets spring-datasource-url=<value>',
      },
      {
        text: 'Set SPRING_DATASOURCE_URL from that secret (Spring maps it to spring.datasource.url); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars SPRING_DATASOURCE_URL=secretref:spring-datasource-url',
      },
    ],
    title: 'the database URL is not configured (spring.datasource.url)',
    pattern: /Failed to configure a DataSource: 'url' attribute is not specified/,
    keywords: ['failed to configure a datasource'],
    confidence: 0.9,
    normalizeNames: (n) => ({ ...n, setting: 'spring.datasource.url', envVar: 'SPRING_DATASOURCE_URL' }),
  },
  {
    id: 'console.java.class-not-found',
    category: 'missing-module',
    title: 'Java class {class} is not on the classpath',
    // The exception is named as printed: the class after it is what is missing, not what was thrown.
    pattern: /(?<exception>(?:java\.lang\.)?ClassNotFoundException): (?<class>[\w.$]+)/,
    keywords: ['classnotfoundexception'],
    confidence: 0.9,
  },
  {
    id: 'console.java.no-class-def',
    category: 'missing-module',
    title: 'Java class {class} could not be loaded',
    pattern: /(?<exception>(?:java\.lang\.)?NoClassDefFoundError): (?<class>[\w/.$]+)/,
    keywords: ['noclassdeffounderror'],
    confidence: 0.88,
  },
  {
    id: 'console.java.jar-missing',
    category: 'entrypoint-error',
    title: 'the JAR {file} is not in the image',
    pattern: /Error: Unable to access jarfile (?<file>\S+)/,
    keywords: ['unable to access jarfile'],
    confidence: 0.92,
  },
  {
    id: 'console.java.jar-corrupt',
    category: 'entrypoint-error',
    title: 'the JAR {file} is not a valid jar file',
    pattern: /Error: Invalid or corrupt jarfile (?<file>\S{1,300})/i,
    keywords: ['invalid or corrupt jarfile'],
    confidence: 0.9,
    explanation:
      'java -jar was given a file it cannot read as a jar: the path names a directory or another file (a COPY with a wildcard that matched the wrong thing), the file is a Git LFS pointer or was truncated in the build context, or the build did not produce the jar the Dockerfile copies.',
    actions: [
      'Check what {file} is in the image (`docker run --rm --entrypoint ls <image> -l {file}`; `unzip -l` must list its classes): copy the jar the build produced (target/*.jar or build/libs/*.jar, not the -plain or sources jar) to exactly that path, and rebuild.',
      {
        text: 'Compare the image\'s ENTRYPOINT/CMD with the command and args set on the container app (the app\'s override wins).',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
    ],
  },
  {
    id: 'console.java.jar-not-executable',
    category: 'entrypoint-error',
    // The jar is there; its manifest names no Main-Class (a plain jar, not Spring Boot's repackaged one).
    title: 'the JAR {file} is not an executable jar (no Main-Class in its manifest)',
    pattern: /no main manifest attribute, in (?<file>\S+)/,
    keywords: ['no main manifest attribute'],
    confidence: 0.92,
  },
  {
    id: 'console.java.option-as-main-class',
    category: 'entrypoint-error',
    title: 'the JVM read the option {option} as its main class',
    // An option in the class slot: options passed as one quoted argument, or placed after the class or jar.
    pattern: /Could not find or load main class ['"]?(?<option>[-–][^\s'"]{1,100})/,
    keywords: ['could not find or load main class'],
    confidence: 0.93,
    explanation:
      'The java launcher takes the first argument that is not an option as the class to run. It got {option}, so the options reached it as one quoted word (a variable holding several options, quoted in a script or a compose file), in the wrong place, or with a typographic dash instead of a hyphen.',
    actions: [
      'Pass the options unquoted and before the class or `-jar` in the start command, or move them to JAVA_TOOL_OPTIONS, which the JVM reads by itself.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.java.runtime-too-old',
    category: 'missing-module',
    title: 'the image\'s Java runtime is older than the one the code was built for',
    // Class file version 61 is Java 17, 55 is Java 11: the image ships an older JRE than the build used.
    pattern: /UnsupportedClassVersionError: (?<class>[\w/.$]{1,200}) has been compiled by a more recent version of the Java Runtime \(class file version (?<version>[\d.]{1,8})\)/,
    keywords: ['unsupportedclassversionerror'],
    confidence: 0.92,
    explanation:
      'The classes were compiled for a newer Java (class file version {version}) than the runtime in the image can load, so the right runtime is missing from the image.',
    actions: ['Base the image on a runtime at least as new as the build\'s Java (class file 61 is Java 17, 65 is Java 21), or build for the runtime the image has.'],
    links: [LINKS.containers],
  },
  {
    id: 'console.java.vm-option-value-invalid',
    category: 'missing-configuration',
    title: 'the JVM refused the value of its option {option}',
    // The launcher checks option values before it creates the VM ("Error: Could not create the Java Virtual
    // Machine" follows): a heap size with a unit it does not take (-Xmx8GB, -Xmx1024MM), an empty one (-Xms
    // from an unset variable), or a -XX option whose value does not parse. The value usually comes from a
    // variable the image's start script pastes into the command line.
    pattern:
      /\bInvalid (?:maximum|initial|minimum|thread stack|initial young generation|maximum new generation) (?:heap )?size: (?<option>-X[\w.]{0,40})|\bImproperly specified VM option '(?<option_2>[\w.:=%+-]{1,100})'/,
    keywords: ['size: -x', 'improperly specified vm option'],
    confidence: 0.9,
    explanation:
      'The JVM refused to start because the value of {option} is malformed: heap and stack sizes take a number with k, m or g and nothing else (8g, 1024m), and an empty value means the variable the start script reads for it is unset or blank.',
    actions: [
      {
        needs: ['envVar'],
        text: 'Set {envVar} to a value the JVM accepts (a number with a single k, m or g suffix such as 1024m or 2g, below the container\'s memory; some images append the unit themselves, so then the number alone), or remove it so the image default applies; this creates a new revision.',
        command: SHOW_ENV_NAMES,
      },
      {
        absent: ['envVar'],
        text: 'Find where {option} comes from (JAVA_OPTS, JAVA_TOOL_OPTIONS, the image\'s memory variable, or the container\'s args) and give it a value the JVM accepts: a number with a single k, m or g suffix, such as 1024m or 2g.',
        command: SHOW_ENV_NAMES,
      },
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.java.vm-option-unrecognized',
    category: 'entrypoint-error',
    title: 'the JVM does not accept the option {setting}',
    // Options removed from newer JDKs (UseCGroupMemoryLimitForHeap went in JDK 11, CMS in 14, PermSize in 8)
    // or experimental/diagnostic ones passed without their unlock flag stop the launcher before the VM exists.
    pattern:
      /\bUnrecognized VM option '(?<setting>[\w.+-]{1,100})(?:=[^'\n]{0,100})?'|\bVM option '(?<setting_2>[\w.+-]{1,100})' is (?:experimental|diagnostic) and must be enabled via/,
    keywords: ['unrecognized vm option', 'vm option'],
    confidence: 0.9,
    explanation:
      'The java start command passes {setting}, an option this JVM does not know (removed in a newer JDK, misspelt, or experimental without -XX:+UnlockExperimentalVMOptions), so the JVM exits before the app runs.',
    actions: [
      'Drop {setting} from the container\'s command or args (or from JAVA_OPTS / JAVA_TOOL_OPTIONS where the image reads it) or replace it with its current equivalent (container memory limits are honoured by default since JDK 10; use -XX:MaxRAMPercentage), then redeploy.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.kafka.sasl-authentication',
    category: 'authentication-failure',
    title: 'the Kafka client failed authentication with {host|the broker}',
    // The Kafka client's own words for a refused or garbled SASL exchange (Event Hubs' Kafka endpoint too).
    pattern:
      /Failed authentication with (?<host>[\w.-]{1,200})(?:\/[\d.]{7,15})? \(|\b(?:SaslAuthenticationException|IllegalSaslStateException)\b|\bConnection to node -?\d{1,6} \((?<host_2>[\w.-]{1,200})(?:\/[\d.]{7,15})?:\d{2,5}\) terminated during authentication/,
    keywords: ['failed authentication with', 'saslauthenticationexception', 'illegalsaslstateexception', 'terminated during authentication'],
    confidence: 0.88,
    explanation:
      'The Kafka client reached the broker, but the SASL exchange failed: a wrong connection string or password in the JAAS config, the wrong mechanism (Event Hubs expects PLAIN with "$ConnectionString" as the user, or OAUTHBEARER), or TLS turned off where the endpoint requires it.',
    actions: ['Check the client\'s SASL settings (mechanism, security protocol SASL_SSL, and the JAAS username and password from its secret) against the broker.'],
    links: [LINKS.containers],
  },
  {
    id: 'console.java.out-of-memory',
    category: 'out-of-memory',
    title: 'the JVM ran out of memory ({kind|OutOfMemoryError})',
    // The qualified class or "OutOfMemoryError: <kind>" is a real error; JVM flags that merely mention it
    // (-XX:+ExitOnOutOfMemoryError, -XX:+HeapDumpOnOutOfMemoryError) are not.
    pattern: /java\.lang\.OutOfMemoryError(?:: (?<kind>[\w -]+))?|(?:^|[\s:])OutOfMemoryError: (?<kind_2>[\w -]+)/,
    keywords: ['outofmemoryerror'],
    confidence: 0.94,
    signal: 'memory',
  },
  {
    id: 'console.java.direct-memory-exhausted',
    category: 'out-of-memory',
    title: 'Netty ran out of direct memory{: message}',
    // Netty's own accounting of off-heap buffers (io.netty.maxDirectMemory, by default -XX:MaxDirectMemorySize
    // or the heap's maximum): reactor-netty under the Azure SDKs, Spring WebFlux and gateways allocate here.
    pattern: /\bOutOfDirectMemoryError(?:: (?<message>failed to allocate \d{1,15} byte\(s\) of direct memory \(used: \d{1,15}, max: \d{1,15}\)))?/,
    keywords: ['outofdirectmemoryerror'],
    confidence: 0.94,
    signal: 'memory',
    explanation:
      'Netty could not allocate another off-heap (direct) buffer: the buffers in use reached the limit it keeps (MaxDirectMemorySize, or the maximum heap when that is not set). Many concurrent transfers (parallel blob downloads or uploads not awaited one after another), large bodies buffered whole, or a leak of unreleased buffers use it up; the heap itself may be far from full.',
    actions: [
      'Bound the concurrency of the transfers (wait for each download or upload, or limit the parallel ones) so fewer buffers are held at once.',
      'Or give direct memory more room: raise -XX:MaxDirectMemorySize (JAVA_TOOL_OPTIONS) and the container\'s memory with it, since direct buffers sit outside the heap.',
    ],
  },
  {
    id: 'console.java.native-memory-insufficient',
    category: 'out-of-memory',
    title: 'the JVM could not commit the memory it asked for (insufficient memory for the Java Runtime Environment)',
    // The JVM's hs_err banner when a native allocation (often the initial heap, sized from the host's memory)
    // fails: the container's memory limit is below what the JVM reserves.
    pattern: /There is insufficient memory for the Java Runtime Environment to continue/,
    keywords: ['insufficient memory for the java runtime'],
    // The same banner over a thread the JVM could not start (pthread_create EPERM, an old runtime's seccomp
    // profile) is not memory.
    unless: /Cannot create (?:worker )?GC thread|pthread_create failed \(EPERM\)/,
    confidence: 0.9,
    signal: 'memory',
    explanation:
      'The JVM could not allocate the native memory it needed (usually the heap it sized from the host, not the container): the heap (-Xms/-Xmx, ES_JAVA_OPTS, JAVA_TOOL_OPTIONS) plus native memory does not fit in the container\'s memory limit.',
  },
  {
    id: 'console.java.fatal-signal',
    category: 'crash-signal',
    title: 'the JVM crashed with {signal} in native code',
    // The JVM's fatal error banner (hs_err): "#  SIGSEGV (0xb) at pc=...". The abort (134) that follows is its consequence.
    pattern: /^#\s{1,4}(?<signal>SIG[A-Z]{2,6}) \(0x[0-9a-f]{1,4}\) at pc=/i,
    keywords: [' at pc='],
    confidence: 0.9,
    explanation:
      'The JVM itself (or native code it loaded) received {signal} and wrote a fatal error report (hs_err_pid*.log); it then aborted, which is why the exit code reads 134. The problematic frame in the report says whether the JIT, the GC or a native library crashed.',
    actions: [
      MUSL_BASE_STEP,
      // After a move to a musl base the libc is the lead: the report is for when it persists on glibc.
      // The rows carry the report's frame and JRE build (stages/crashModule.ts): name them, and send no one
      // after an hs_err file that went with the restarted container.
      {
        needs: ['jvmNullFrame'],
        absent: ['muslBase'],
        text: 'The problematic frame is address 0 (`{jvmFrame}`): the JVM jumped through a null function pointer, a JVM/JIT bug rather than the app\'s code. It ran on {jdkBuild|this JDK build}: move the base image to the latest patch release of the same JDK line (a newer tag of the same vendor\'s image), whose fixes cover such crashes, and rebuild.',
      },
      {
        needs: ['jvmFrame'],
        absent: ['muslBase', 'jvmNullFrame'],
        text: 'The problematic frame is `{jvmFrame}`: a frame in libjvm.so (V) is a JVM bug that the latest patch release of the same JDK line (it ran on {jdkBuild|this build}) usually fixes (a newer base image tag); a frame in another library (C) points at that native library (JNI), to update or remove.',
      },
      JVM_GC_STEP,
      { absent: ['muslBase', 'jvmFrame'], text: 'Read the "Problematic frame" line and the hs_err_pid*.log report (keep it for the vendor); a crash in libjvm.so is a JVM bug that a newer patch release of the same JDK (a newer base image tag) usually fixes.' },
      { absent: ['muslBase', 'jvmFrame'], text: 'If the frame is in a native library the app loads (JNI), update or remove that library.' },
    ],
  },
  {
    id: 'console.java.port-in-use',
    category: 'port-misconfiguration',
    title: 'port {port} is already in use',
    pattern: /Port (?<port>\d+) was already in use/,
    keywords: ['was already in use'],
    confidence: 0.92,
  },
  {
    id: 'console.java.unknown-host',
    category: 'dependency-unreachable',
    title: 'host name {host} does not resolve',
    pattern: /UnknownHostException: (?<host>[\w.-]+)/,
    keywords: ['unknownhostexception'],
    confidence: 0.9,
  },
  {
    id: 'console.java.connection-refused',
    category: 'dependency-unreachable',
    title: 'connection to {host}:{port} was refused',
    pattern: /Connection refused(?::? (?<host>[\w.-]+)\/[\d.:a-f]+:(?<port>\d+))/,
    keywords: ['connection refused'],
    confidence: 0.88,
  },
  {
    id: 'console.java.connect-exception',
    category: 'dependency-unreachable',
    title: 'a connection to a dependency failed',
    pattern: /java\.net\.(?:ConnectException|SocketTimeoutException|NoRouteToHostException)(?::\s*(?<message>.*))?/,
    keywords: ['java.net.'],
    confidence: 0.78,
  },
  {
    id: 'console.java.launcher-child-killed',
    category: 'out-of-memory',
    title: 'the JVM the launcher started was killed with SIGKILL ({printed})',
    // Elasticsearch's launcher (and similar wrappers) start the real JVM and report its exit status:
    // `starting java failed with [137]` is that JVM killed by SIGKILL, the kernel's out-of-memory kill.
    pattern: /\bstarting java failed with (?<printed>\[137\])/,
    keywords: ['starting java failed with'],
    confidence: 0.8,
    signal: 'memory',
    explanation:
      'The launcher started the JVM and it was killed with SIGKILL (137) before it could run: the heap it was given (ES_JAVA_OPTS, -Xms/-Xmx) plus its native memory does not fit in the container\'s memory limit.',
    actions: [
      {
        decisive: true,
        text: 'Give the JVM a heap well under the container\'s memory (about half: `-Xmx1g` in ES_JAVA_OPTS, or JAVA_TOOL_OPTIONS for other launchers, for a 2Gi container), or raise the container\'s memory; this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars ES_JAVA_OPTS=-Xmx1g',
      },
    ],
  },
  {
    id: 'console.java.exception-in-thread',
    category: 'application-error',
    title: 'uncaught {exception} in thread {thread}',
    pattern: /Exception in thread "(?<thread>[^"]+)" (?<exception>[\w.$]+)(?::\s*(?<message>.{0,160}))?/,
    keywords: ['exception in thread'],
    // The cause the trace gives under it (a wrapper such as ExceptionInInitializerError says little alone).
    context: /\n\s{0,20}Caused by: (?<cause>[\w.$]{1,200})/,
    confidence: 0.58,
  },
  {
    id: 'console.java.caused-by',
    category: 'application-error',
    title: '{exception}: {message|}',
    pattern: /^\s*Caused by: (?<exception>[\w.$]+)(?::\s*(?<message>.{0,160}))?/,
    keywords: ['caused by'],
    // A trace headed by a wrapper that only carries another exception (a static initializer, a reflective
    // call, a future): the "Caused by" names what went wrong, so it outranks the wrapper's own line.
    context:
      /(?:^|\n)(?:Exception in thread "[^"\n]{0,80}" )?(?:java\.lang\.ExceptionInInitializerError|java\.lang\.reflect\.(?:InvocationTargetException|UndeclaredThrowableException)|java\.util\.concurrent\.(?:ExecutionException|CompletionException))\b/,
    contextBoost: 0.03,
    confidence: 0.56,
  },
  {
    id: 'console.java.config-server-fail-fast',
    category: 'dependency-unreachable',
    title: 'the Spring Cloud Config server {url|} could not be reached and fail-fast stops the app',
    // The config client found no property source and spring.cloud.config.fail-fast is set: the config server
    // did not answer; the client's earlier "Fetching config from server at" row names it.
    pattern: /Could not locate PropertySource and the fail fast property is set/,
    keywords: ['could not locate propertysource'],
    context: /Fetching config from server at ?: ?(?<url>https?:\/\/[\w.:-]{1,200})/,
    confidence: 0.86,
    explanation:
      'The app fetches its configuration from a Spring Cloud Config server at start and fail-fast stops it when none answers: the server is down, its address (spring.cloud.config.uri / spring.config.import) is wrong, or it is not reachable from this environment.',
    actions: [
      'Check that the config server app is running and reachable from this environment at the address the app uses (name, port, internal ingress), then restart the revision.',
    ],
  },
  {
    id: 'console.java.oauth-issuer-unresolved',
    category: 'dependency-unreachable',
    title: 'the OAuth2 issuer {url} could not be resolved at start',
    // Spring Security fetches the issuer's OpenID configuration at start; a failure means the issuer URI is
    // not reachable from the container (often localhost left from development).
    pattern: /Unable to resolve (?:the )?Configuration with the provided Issuer of "(?<url>[^"\s]{1,200})"/,
    keywords: ['with the provided issuer'],
    confidence: 0.86,
    explanation:
      'The resource server reads the identity provider\'s OpenID configuration from the issuer URI at start and could not: the URI points at a host the container cannot reach (localhost is the container itself) or the provider is down.',
    actions: [
      'Set the issuer URI (spring.security.oauth2.resourceserver.jwt.issuer-uri) to the identity provider\'s address reachable from the environment and check the provider is up.',
    ],
  },
  {
    id: 'console.java.saml-metadata-unreachable',
    category: 'dependency-unreachable',
    title: 'the SAML identity provider metadata at {url} could not be retrieved',
    // OpenSAML's HTTP metadata provider (Spring Security SAML) downloads the IdP metadata at start.
    pattern: /Error retrieving metadata from (?<url>https?:\/\/[^\s"']{1,200})/,
    keywords: ['error retrieving metadata from'],
    confidence: 0.86,
    explanation:
      'The SAML service provider downloads the identity provider\'s metadata at start and could not: the URL is wrong, the IdP is not reachable from the environment (DNS, outbound firewall), or its TLS certificate is not trusted by the JVM.',
    actions: [
      'Check that the metadata URL answers from the environment (DNS, outbound access, TLS trust), or ship the metadata file with the app.',
    ],
  },
  {
    id: 'console.java.spring-failed-to-start',
    category: 'application-error',
    title: 'the Spring application failed to start',
    pattern: /APPLICATION FAILED TO START|Application run failed/,
    keywords: ['application failed to start', 'application run failed'],
    confidence: 0.5,
  },
  {
    id: 'console.java.bean-missing',
    category: 'application-error',
    title: 'no bean of type {bean} exists in the application context',
    // Micronaut: "No bean of type [io.micronaut.runtime.server.EmbeddedServer] exists"; Spring: "No qualifying
    // bean of type 'com.x.Repo' available". A dependency some bean injects was never created: a missing
    // module (micronaut-http-server), a bean disabled by its requirements or profile, or a feature enabled
    // (Eureka registration, a scheduler) that needs a bean this kind of app does not have.
    pattern: /\bNo bean of type \[(?<bean>[\w.$]{1,200})\] exists\b|\bNo qualifying bean of type '(?<bean_2>[\w.$<>]{1,200})' available\b/,
    keywords: ['no bean of type', 'no qualifying bean of type'],
    confidence: 0.8,
    explanation:
      'The application context could not be built because a bean asks to be given a {bean} and none exists: the module that provides it is not on the classpath, its requirements (a property, a profile, an environment) disabled it, or a feature that needs it was switched on by configuration.',
    actions: [
      {
        decisive: true,
        text: 'Find which bean injects {bean} (the line above names it): either add the dependency that provides {bean}, or turn off the feature that needs it in this app\'s configuration (a property or environment variable, such as the discovery client\'s registration), then redeploy.',
      },
      'If the bean exists but is conditional, check the property or profile its requirements read (trace logging for the condition package lists why it was disabled).',
    ],
  },
  {
    id: 'console.java.native-frame',
    category: 'crash-signal',
    title: 'the JVM crashed in native library {file}',
    // The hs_err report's "Problematic frame" line: `C  [libagent.so+0x2b7b3]  PerfManager::closeEvents()+0x73`.
    // A C frame is native code outside the JVM (an -agentpath profiler, a JNI library, libc); V frames are
    // the JVM's own and are left to the fatal-signal rule.
    pattern: /^#?\s{0,4}C\s{1,4}\[(?<file>[\w.+-]{1,200}?\.so(?:\.\d{1,4}){0,4})\+0x[0-9a-f]{1,16}\]/,
    keywords: ['.so'],
    confidence: 0.91,
    explanation:
      'The JVM received a fatal signal while running native code in {file}, outside the JVM itself: a profiling or monitoring agent loaded with -agentpath or -javaagent (often through JAVA_TOOL_OPTIONS), or a JNI library the app ships. The JVM then aborts (exit 134).',
    actions: [
      {
        decisive: true,
        text: 'Stop loading {file}: remove the -agentpath (or JNI library) that loads it from JAVA_TOOL_OPTIONS, JAVA_OPTS or the start command, or move to a build of it made for this JDK and CPU architecture; then create a new revision.',
      },
      'Keep the hs_err_pid*.log report for the library\'s vendor: its "Problematic frame" names the function that crashed.',
    ],
  },
  {
    id: 'console.java.temp-dir-unwritable',
    category: 'permission-denied',
    title: 'the embedded web server could not create its temp directory in {file|java.io.tmpdir}',
    // Spring Boot's embedded Tomcat, Jetty and Undertow make their base/docbase directory under java.io.tmpdir
    // ("Unable to create tempDir. java.io.tmpdir is set to /tmp"); standalone Jetty says its temp dir's parent
    // is not writeable. A hardened image (non-root user, /tmp owned by root or read-only) ends here.
    pattern:
      /\bUnable to create tempDir\. java\.io\.tmp[Dd]ir is set to (?<file>\/[\w.@\/-]{0,300})|\bParent for temp dir not configured correctly: writeable=false\b/,
    keywords: ['unable to create tempdir', 'parent for temp dir not configured correctly'],
    confidence: 0.88,
    explanation:
      'The embedded web server creates its working (docbase) directory under java.io.tmpdir ({file|/tmp}) at startup, and the user the container runs as may not write there: the image runs as a non-root user while /tmp is owned by root or read-only, so the server never starts.',
    actions: [
      {
        decisive: true,
        text: 'Make {file|/tmp} writable for the container\'s user: mount an EmptyDir volume at {file|/tmp} (volumes with storageType EmptyDir in the app\'s YAML), or fix the image (chmod 1777 /tmp, or chown to the USER in the Dockerfile).',
      },
      'Or point the server at a writable directory: -Djava.io.tmpdir=<dir> in JAVA_TOOL_OPTIONS, or server.tomcat.basedir / server.jetty.basedir (SERVER_TOMCAT_BASEDIR) for Spring Boot.',
    ],
    links: [LINKS.storage],
  },
  {
    id: 'console.java.access-denied',
    category: 'permission-denied',
    title: 'the JVM was denied access to {file}',
    // java.nio names the refused path as the whole message (`AccessDeniedException: /data/logs`; a cloud
    // SDK's AccessDeniedException of another package is a refused identity, not a path); java.io
    // says it after the path (`FileNotFoundException: /app/x.log (Permission denied)`).
    pattern:
      /\b(?<exception>java\.nio\.file\.AccessDeniedException): (?<file>[^\s:]{1,300})|\b(?<exception_2>(?:java\.io\.)?FileNotFoundException): (?<file_2>[^\s(]{1,300}) \(Permission denied\)/,
    keywords: ['java.nio.file.accessdeniedexception', 'filenotfoundexception'],
    confidence: 0.86,
    explanation:
      'The JVM was refused access to {file}: the user the container runs as may not read or write it (a directory in the image owned by root, or a mounted volume owned by another user), so the app stopped at startup.',
    actions: [
      ...AZURE_FILES_OWNER_STEPS,
      { absent: ['volume'], text: 'Check who owns {file} in the image (a relative path is under the working directory) and which user the container runs as.' },
      { absent: ['volume'], text: 'Give the image\'s USER ownership of the directory (chown in the Dockerfile, or COPY --chown), or point the app\'s data and log paths at a writable volume.' },
    ],
  },
  {
    id: 'console.java.keystore-format',
    category: 'missing-configuration',
    title: 'the TLS keystore{ setting} is not in the format it is read as',
    // The JDK's keystore loaders when the file's type is not the one configured (or defaulted): JKS reading a
    // PKCS12 or BCFKS file says "Invalid keystore format", PKCS12 reading a JKS file fails in DER parsing
    // ("DerInputStream.getLength(): lengthTag=109, too big"), keytool says "Unrecognized keystore format".
    // Keycloak, Tomcat, Spring Boot's server.ssl and Kafka clients all end here when the store type is missing.
    pattern: /\bInvalid keystore format\b|\bUnrecognized keystore format\b|\bDerInputStream\.getLength\(\): lengthTag=\d{1,4}, too big\b/,
    keywords: ['invalid keystore format', 'unrecognized keystore format', 'lengthtag='],
    confidence: 0.86,
    explanation:
      'The server could not load its keystore{ setting}: the file is of another type than the one it is read as (a BCFKS or JKS store read as PKCS12, the default since Java 9 and in Keycloak\'s non-FIPS mode, or the reverse), or it is not a keystore at all (a PEM certificate, or a secret mounted in base64). The HTTPS listener never starts, so the process exits.',
    actions: [
      {
        decisive: true,
        text: 'Declare the keystore\'s real type next to its path (Keycloak: --https-key-store-type=bcfks or KC_HTTPS_KEY_STORE_TYPE; Spring Boot: server.ssl.key-store-type; JVM: javax.net.ssl.keyStoreType), or convert the store to PKCS12 (`keytool -importkeystore -deststoretype pkcs12`), then create a new revision.',
      },
      'If the store comes from a secret volume, check the mounted file is the binary store and not its base64 text.',
    ],
  },
]);
