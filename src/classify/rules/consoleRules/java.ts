import { consoleFamily } from '../categoryText';

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
    pattern: /ClassNotFoundException: (?<class>[\w.$]+)/,
    keywords: ['classnotfoundexception'],
    confidence: 0.9,
  },
  {
    id: 'console.java.no-class-def',
    category: 'missing-module',
    title: 'Java class {class} could not be loaded',
    pattern: /NoClassDefFoundError: (?<class>[\w/.$]+)/,
    keywords: ['noclassdeffounderror'],
    confidence: 0.88,
  },
  {
    id: 'console.java.jar-missing',
    category: 'entrypoint-error',
    title: 'the JAR {file} is not in the image',
    pattern: /Error: Unable to access jarfile (?<file>\S+)|no main manifest attribute, in (?<file_2>\S+)/,
    keywords: ['unable to access jarfile', 'no main manifest attribute'],
    confidence: 0.92,
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
      'Read the "Problematic frame" line and the hs_err_pid*.log report (keep it for the vendor); a crash in libjvm.so is a JVM bug that a newer patch release of the same JDK (a newer base image tag) usually fixes.',
      'If the frame is in a native library the app loads (JNI), update or remove that library.',
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
    id: 'console.java.exception-in-thread',
    category: 'application-error',
    title: 'uncaught {exception} in thread {thread}',
    pattern: /Exception in thread "(?<thread>[^"]+)" (?<exception>[\w.$]+)(?::\s*(?<message>.{0,160}))?/,
    keywords: ['exception in thread'],
    confidence: 0.58,
  },
  {
    id: 'console.java.caused-by',
    category: 'application-error',
    title: '{exception}: {message|}',
    pattern: /^\s*Caused by: (?<exception>[\w.$]+)(?::\s*(?<message>.{0,160}))?/,
    keywords: ['caused by'],
    confidence: 0.56,
  },
  {
    id: 'console.java.spring-failed-to-start',
    category: 'application-error',
    title: 'the Spring application failed to start',
    pattern: /APPLICATION FAILED TO START|Application run failed/,
    keywords: ['application failed to start', 'application run failed'],
    confidence: 0.5,
  },
]);
