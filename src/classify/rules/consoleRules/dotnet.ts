import { LINKS } from '../links';
import { consoleFamily } from '../categoryText';

/** .NET runtime, ASP.NET Core (Kestrel) and their libraries. */
export const DOTNET_RULES = consoleFamily('dotnet', [
  {
    id: 'console.dotnet.null-setting',
    category: 'missing-configuration',
    title: 'setting {parameter} is not set',
    pattern:
      /Value cannot be null\.? \(Parameter '(?<parameter>[^']{0,60}(?:[Cc]onnection[Ss]tring|[Kk]ey|[Uu]rl|[Uu]ri|[Ss]ecret|[Ee]ndpoint|[Pp]assword|[Ss]etting|[Cc]onfig)[^']{0,60})'\)|^\s*Parameter name: (?<parameter_2>\w{0,60}(?:[Cc]onnection[Ss]tring|[Kk]ey|[Uu]rl|[Uu]ri|[Ss]ecret|[Ee]ndpoint|[Pp]assword|[Ss]etting|[Cc]onfig)\w{0,60})\s*$/,
    keywords: ['value cannot be null', 'parameter name:'],
    confidence: 0.86,
    explanation:
      'A library was handed a null connection string, key or URL: the configuration value it reads (appsettings or an environment variable such as ConnectionStrings__X) is missing in this revision.',
    actions: [
      {
        when: /Parameter '[^']*[Cc]onnection[Ss]tring/,
        text: 'Supply the connection string the app passes as {parameter}: an environment variable ConnectionStrings__<Name> (two underscores stand for the ":" of appsettings.json) from an app secret; this creates a new revision.',
      },
      {
        unless: /Parameter '[^']*[Cc]onnection[Ss]tring/,
        text: 'Supply the value the app passes as {parameter}: its appsettings key as an environment variable (":" written as "__"), from an app secret when it is sensitive; this creates a new revision.',
      },
      {
        text: 'Check which variables and secrets the container has now.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].env[].name' -o tsv",
      },
    ],
  },
  {
    id: 'console.dotnet.connection-string-missing',
    category: 'missing-configuration',
    actions: [
      'Set the connection string as an environment variable named ConnectionStrings__<Name> (two underscores stand for the ":" of appsettings.json), from an app secret.',
      {
        text: 'Check which variables and secrets the container has now.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].env[].name' -o tsv",
      },
    ],
    title: 'the database connection string is not set',
    pattern: /The ConnectionString property has not been initialized/,
    keywords: ['the connectionstring property has not been initialized'],
    confidence: 0.88,
    explanation:
      'SqlClient was asked to open a connection whose connection string is empty: the app read a ConnectionStrings entry (appsettings or the ConnectionStrings__Name environment variable) that this revision does not provide.',
  },
  {
    id: 'console.dotnet.options-validation',
    category: 'missing-configuration',
    title: 'setting {setting} is not set',
    pattern: /OptionsValidationException: .*?(?:The (?<setting>\w+) field is required)/,
    keywords: ['optionsvalidationexception'],
    confidence: 0.85,
  },
  {
    id: 'console.dotnet.assembly-not-found',
    category: 'missing-module',
    title: 'assembly {module} could not be loaded',
    pattern: /Could not load file or assembly '(?<module>[\w.]+)/,
    keywords: ['could not load file or assembly'],
    confidence: 0.92,
  },
  {
    id: 'console.dotnet.framework-missing',
    category: 'missing-module',
    title: 'the .NET runtime {module|} needed by the app is not in the image',
    pattern: /The framework '(?<module>[\w.]+)', version '(?<version>[^']+)'.* was not found|You must install or update \.NET to run this application/,
    keywords: ['the framework', 'you must install or update .net'],
    context: /Framework: '(?<module>[\w.]+)', version '(?<version>[^']+)'/,
    confidence: 0.92,
  },
  {
    id: 'console.dotnet.sql-network',
    category: 'dependency-unreachable',
    title: 'SQL Server could not be reached',
    pattern: /A network-related or instance-specific error occurred while establishing a connection to SQL Server/,
    keywords: ['a network-related or instance-specific error'],
    confidence: 0.88,
  },
  {
    id: 'console.dotnet.bind-failed',
    category: 'port-misconfiguration',
    title: 'Kestrel could not bind {address}:{port}',
    pattern: /Failed to bind to address (?<address>\S+?):(?<port>\d+)/,
    keywords: ['failed to bind to address'],
    // Refused for permission (a non-root user on a port below 1024) is console.bind.permission-denied.
    unless: /EACCES|permission denied/i,
    confidence: 0.9,
  },
  {
    id: 'console.dotnet.out-of-memory',
    category: 'out-of-memory',
    title: 'the .NET runtime ran out of memory',
    pattern: /System\.OutOfMemoryException/,
    keywords: ['system.outofmemoryexception'],
    confidence: 0.92,
    signal: 'memory',
  },
  {
    id: 'console.dotnet.gc-heap-init',
    category: 'out-of-memory',
    title: 'the .NET runtime could not reserve its GC heap at startup',
    // 0x8007000E is E_OUTOFMEMORY: the runtime failed before any app code ran.
    pattern: /GC heap initialization failed|Failed to create CoreCLR, HRESULT: 0x8007000E/i,
    keywords: ['gc heap initialization failed', 'failed to create coreclr'],
    confidence: 0.9,
    signal: 'memory',
    explanation:
      'The .NET runtime could not reserve memory for its garbage-collected heap (error 0x8007000E, out of memory) and stopped before the app started: the container\'s memory, or a GC heap limit set lower than the runtime needs, leaves it too little.',
    actions: [
      'Give the container more memory, or lower the GC heap the runtime reserves (DOTNET_GCHeapHardLimit, DOTNET_GCHeapCount, workstation GC).',
    ],
  },
  {
    id: 'console.dotnet.unhandled-exception',
    category: 'application-error',
    title: 'unhandled {exception}: {message|}',
    pattern: /Unhandled [Ee]xception\.? (?<exception>[\w.]+(?:Exception|Error))(?:(?: \(0x[0-9A-Fa-f]+\))?:\s*(?<message>.{0,160}))?/,
    keywords: ['unhandled exception'],
    confidence: 0.6,
  },
  {
    id: 'console.dotnet.https-certificate-missing',
    category: 'missing-configuration',
    title: 'Kestrel has an HTTPS endpoint but no certificate',
    // ASPNETCORE_URLS or Kestrel settings ask for https; in a container there is no developer certificate.
    pattern: /Unable to configure HTTPS endpoint\. No server certificate was specified/i,
    keywords: ['unable to configure https endpoint'],
    confidence: 0.92,
    explanation:
      'The app is told to listen on HTTPS (an https:// address in ASPNETCORE_URLS or ASPNETCORE_HTTPS_PORTS, or a Kestrel endpoint), but no certificate is configured and the developer certificate does not exist in a container. Container Apps end TLS at ingress, so the app normally listens on plain HTTP.',
    actions: [
      {
        needs: ['ingressTargetPort'],
        text: 'Listen on HTTP only, on the ingress target port (ASPNETCORE_URLS=http://+:{ingressTargetPort}), and let ingress terminate TLS; or configure the certificate for Kestrel from a secret.',
      },
      { absent: ['ingressTargetPort'], text: 'Listen on HTTP only (for example ASPNETCORE_URLS=http://+:8080) and let ingress terminate TLS; or configure the certificate for Kestrel from a secret.' },
    ],
    links: [LINKS.containers],
  },
]);
