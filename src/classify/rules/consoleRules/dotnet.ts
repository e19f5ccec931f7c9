import { LINKS } from '../links';
import { consoleFamily, DOTNET_HOST_STEPS } from '../categoryText';
import { ICU_STEPS } from '../causeSteps';
import { SHOW_ENV_NAMES } from '../commandTemplates';

/**
 * The app setting a Functions storage connection name resolves to: the host looks a name up with the
 * AzureWebJobs prefix first, so "Storage" (and a binding that names none) is AzureWebJobsStorage, and the
 * host's doubled "AzureWebJobsAzureWebJobsStorage" is the setting AzureWebJobsStorage.
 */
function functionsStorageSetting(n: Record<string, string>): Record<string, string> {
  const { host, connection, ...rest } = n;
  if (!host && !connection) return n;
  let setting = connection ?? 'AzureWebJobsStorage';
  if (setting === 'Storage') setting = 'AzureWebJobsStorage';
  if (setting.startsWith('AzureWebJobsAzureWebJobs')) setting = setting.slice('AzureWebJobs'.length);
  return { ...rest, envVar: rest.envVar ?? setting };
}

/** .NET runtime, ASP.NET Core (Kestrel) and their libraries. */
export const DOTNET_RULES = consoleFamily('dotnet', [
  {
    id: 'console.dotnet.null-setting',
    category: 'missing-configuration',
    title: 'setting {parameter} is not set',
    pattern:
      /Value cannot be null\.? \(Parameter '(?<parameter>[^']{0,60}(?:[Cc]onnection[Ss]tring|[Kk]ey|[Uu]rl|[Uu]ri|[Ss]ecret|[Ee]ndpoint|[Pp]assword|[Ss]etting|[Cc]onfig)[^']{0,60})'\)|^\s*Parameter name: (?<parameter_2>\w{0,60}(?:[Cc]onnection[Ss]tring|[Kk]ey|[Uu]rl|[Uu]ri|[Ss]ecret|[Ee]ndpoint|[Pp]assword|[Ss]etting|[Cc]onfig|[Aa]ccount)\w{0,60})\.?\s*$|The argument '(?<parameter_3>\w{0,60}(?:[Cc]onnection[Ss]tring|[Kk]ey|[Uu]rl|[Uu]ri|[Ss]ecret|[Ee]ndpoint|[Pp]assword|[Ss]etting|[Cc]onfig)\w{0,60})' cannot be null/,
    // Entity Framework 6 checks its argument itself: "The argument 'nameOrConnectionString' cannot be null, empty or ...".
    keywords: ['value cannot be null', 'parameter name:', 'cannot be null'],
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
        command: SHOW_ENV_NAMES,
      },
    ],
  },
  {
    id: 'console.functions.storage-connection-missing',
    category: 'missing-configuration',
    title: 'the Functions host has no storage connection ({envVar|AzureWebJobsStorage})',
    // The Azure Functions host and its storage extensions when the storage setting a binding (or the host
    // itself) uses is not there or holds no connection string: "Unable to find an Azure Storage connection
    // string to use for this binding", "Storage account connection string 'AzureWebJobsX' does not exist",
    // "Could not create BlobServiceClient to obtain the BlobContainerClient using Connection: Storage".
    pattern:
      /\b(?<host>Unable to find an Azure Storage connection string) to use for this binding\b|\bStorage account connection string (?:for )?'(?<connection>[\w:.-]{1,120})' (?:does not exist|is invalid)\b|\bCould not create (?:Blob|Queue|Table)ServiceClient\b[^\n]{0,120}?\busing Connection: '?(?<connection_2>[\w:.-]{1,120})/,
    keywords: ['azure storage connection string', 'storage account connection string', 'serviceclient'],
    normalizeNames: functionsStorageSetting,
    confidence: 0.88,
    explanation:
      'The Functions host reads the storage account it keeps its locks, timers and triggers in from an app setting ({envVar|AzureWebJobsStorage} unless the binding names another connection), and in this revision that setting is missing or holds something that is not a storage connection string (an emulator address such as UseDevelopmentStorage=true or http://127.0.0.1:10000). The host cannot start the function\'s listener, so the app never serves.',
    actions: [
      {
        decisive: true,
        text: 'Store the storage account\'s connection string as a secret and set {envVar|AzureWebJobsStorage} from it (or use identity-based settings such as {envVar|AzureWebJobsStorage}__accountName with a role on the account); this creates a new revision.',
        command: 'az containerapp update -n {app} -g {resourceGroup} --container-name {container} --set-env-vars {envVar|AzureWebJobsStorage}=secretref:<secret>',
      },
      { text: 'Check which variables and secrets the container has now.', command: SHOW_ENV_NAMES },
    ],
  },
  {
    id: 'console.dotnet.connection-string-missing',
    category: 'missing-configuration',
    actions: [
      'Set the connection string as an environment variable named ConnectionStrings__<Name> (two underscores stand for the ":" of appsettings.json), from an app secret.',
      {
        text: 'Check which variables and secrets the container has now.',
        command: SHOW_ENV_NAMES,
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
    id: 'console.dotnet.app-configuration-provider-missing',
    category: 'missing-configuration',
    title: 'the Azure App Configuration provider was never added ({envVar|its endpoint or connection string is not set})',
    // Microsoft.Extensions.Configuration.AzureAppConfiguration: the refresher middleware (UseAzureAppConfiguration,
    // AddAzureAppConfiguration services) finds no provider, because the code adds the provider only when an
    // endpoint or connection string is configured and this revision has none.
    pattern: /\bUnable to access the Azure App Configuration provider\b/,
    keywords: ['unable to access the azure app configuration provider'],
    confidence: 0.86,
    explanation:
      'The app registers the App Configuration refresher but no App Configuration provider was added to its configuration: the provider is added from an endpoint or connection string setting ({envVar|for example AppConfig__Endpoint or ConnectionStrings__AppConfig}) that this revision does not set, so startup stops.',
    actions: [
      {
        decisive: true,
        text: 'Set {envVar|the App Configuration endpoint or connection string variable the app reads} again (the endpoint https://<store>.azconfig.io with the app\'s managed identity, or a connection string from a secret); this creates a new revision.',
      },
      { text: 'Check which variables and secrets the container has now.', command: SHOW_ENV_NAMES },
    ],
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
    // .NET Core 1.x and 2.x hosts said "The specified framework 'X', version 'Y' was not found."
    pattern: /The (?:specified )?framework '(?<module>[\w.]+)', version '(?<version>[^']+)'.* was not found|You must install or update \.NET to run this application/,
    keywords: ['the framework', 'the specified framework', 'you must install or update .net'],
    context: /Framework: '(?<module>[\w.]+)', version '(?<version>[^']+)'/,
    confidence: 0.92,
    // The same failure as the host's exit 150, whichever the evidence shows first: the same advice.
    actions: DOTNET_HOST_STEPS,
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
    id: 'console.orleans.membership-table-unreachable',
    category: 'dependency-unreachable',
    title: 'the Orleans silo cannot read its membership table {table|}',
    // Orleans clustering keeps the silo list in a table (OrleansSiloInstances in Azure Table storage); a silo
    // that cannot read it retries, then cannot join the cluster and is restarted. "The operation was canceled"
    // is the storage call timing out. A refused key (403) is an authentication failure, not this.
    pattern: /\bFailed to read Azure storage table (?<table>\w{1,80})|\bFailed to refresh membership table\b/,
    keywords: ['failed to read azure storage table', 'failed to refresh membership table'],
    // The refresh message comes first on the line; the table it could not read follows it.
    context: /Failed to read Azure storage table (?<table>\w{1,80})/,
    unless: /\b403\b|AuthorizationFailure|AuthenticationFailed|Forbidden/,
    confidence: 0.84,
    explanation:
      'The silo could not read the cluster membership table {table|} in its clustering store (Azure Table storage), so it cannot see or join the other silos. Timeouts mean the storage account does not answer from the environment: a firewall or private endpoint the subnet cannot resolve or reach, storage throttling, or an outage.',
    actions: [
      {
        decisive: true,
        text: 'Check that the storage account in the clustering connection string answers from the environment\'s subnet: its network rules (selected networks, private endpoint) and that its private DNS name resolves from the environment; then restart the revision.',
      },
      'Check the storage account\'s availability and throttling metrics for the time of the failures.',
    ],
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
    id: 'console.dotnet.access-violation',
    category: 'crash-signal',
    title: 'the .NET process crashed on an invalid memory access ({exception|AccessViolationException})',
    // .NET does not let code catch it: the runtime prints "Fatal error." and the process dies as a native crash.
    pattern: /\b(?<exception>System\.AccessViolationException)\b|\bFatal error\. Internal CLR error\b/,
    keywords: ['system.accessviolationexception', 'internal clr error'],
    normalizeNames: (n) => ({ ...n, signal: 'SIGSEGV' }),
    confidence: 0.9,
    explanation:
      'Native code in the process (a library the app calls through P/Invoke: a database driver, an image, ML or compression library) read or wrote memory it does not own. .NET cannot handle this as an exception: the runtime prints "Fatal error." and the process ends as a native crash (SIGSEGV), not as an error the app could catch.',
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
  {
    id: 'console.dotnet.icu-missing',
    category: 'missing-module',
    title: 'the ICU libraries .NET needs for globalization are not in the image',
    // The runtime fails fast (SIGABRT, 134) before any app code runs: the exit code only says "aborted".
    pattern: /Couldn't find a valid ICU package installed on the system/,
    keywords: ["couldn't find a valid icu package"],
    confidence: 0.93,
    normalizeNames: (n) => ({ ...n, module: 'libicu' }),
    explanation:
      '.NET loads the ICU libraries for culture data at start and aborts the process (exit code 134) when the image has none, which is the case on slim and Alpine bases unless ICU is installed; the abort is not a native crash.',
    actions: [...ICU_STEPS],
  },
  {
    id: 'console.dotnet.deps-assembly-missing',
    category: 'missing-module',
    title: 'assembly {module|listed in the app\'s .deps.json} is not in the published output',
    // The .NET host checks every assembly the .deps.json lists before the app starts; one is not on disk.
    pattern: /An assembly specified in the application dependencies manifest \((?<file>[\w.-]{1,200}\.deps\.json)\) was not found/,
    keywords: ['application dependencies manifest'],
    context: /package: '(?<module>[\w.-]{1,200})', version: '(?<version>[^'\n]{1,40})'/,
    confidence: 0.92,
    explanation:
      'The .NET host read the app\'s .deps.json, which lists {module|an assembly} as a dependency, and did not find the assembly in the published output: the image holds a partial or mismatched publish (a restore for another runtime identifier, a COPY of only some files, or a trimmed output).',
    actions: [
      'Publish the app with `dotnet publish -c Release -o /app/publish` for the runtime the image runs (same runtime identifier, linux-x64 or linux-musl-x64) and copy the whole publish folder into the final stage; then rebuild the image and start it locally once.',
    ],
  },
  {
    id: 'console.dotnet.di-unresolved',
    category: 'application-error',
    title: 'dependency injection cannot create {class|a class}: {service|a service} is not registered',
    // Microsoft.Extensions.DependencyInjection's words when a constructor asks for a service nobody registered.
    pattern:
      /(?:(?<exception>System\.InvalidOperationException): )?Unable to resolve service for type '(?<service>[^']{1,200})' while attempting to activate '(?<class>[^']{1,200})'|(?:(?<exception_2>System\.InvalidOperationException): )?No service for type '(?<service_2>[^']{1,200})' has been registered/,
    keywords: ['unable to resolve service for type', 'no service for type'],
    confidence: 0.85,
    explanation:
      'The app asks the dependency injection container for {service|a service} (a constructor parameter or GetRequiredService) that was never registered, so every request that needs it fails with a 500; a health or liveness path that needs it fails too.',
    actions: [
      'Register {service|the service} in Program.cs (builder.Services.AddScoped/AddTransient/AddSingleton with its implementation), or the module that should register it, then deploy a new image.',
    ],
  },
  {
    id: 'console.dotnet.exception-logged',
    category: 'application-error',
    title: '{exception}: {message|}',
    // An exception as .NET prints it (Exception.ToString()) with its HRESULT, whoever logged it: the HRESULT
    // in parentheses is .NET's alone, so the line is an exception even without an "Unhandled exception." prefix.
    pattern: /^\s{0,8}(?<exception>[A-Z][\w.]{0,200}Exception) \(0x[0-9A-Fa-f]{8}\): (?<message>.{1,160})/,
    keywords: ['exception (0x'],
    confidence: 0.55,
  },
  {
    id: 'console.dotnet.cannot-open-assembly',
    category: 'entrypoint-error',
    title: 'the assembly {file} the start command runs is not in the image',
    // Mono's launcher (and `mono x.exe` in a start script) when the assembly to run is not at that path.
    pattern: /Cannot open assembly '(?<file>[^'\n]{1,300})': No such file or directory/i,
    keywords: ['cannot open assembly'],
    confidence: 0.9,
    explanation:
      'The start command asks Mono to run {file}, and there is no such file at that path in the image: the build output was not copied into the final stage, it has another name, or the working directory is not the one the relative path assumes.',
    actions: [
      'Check that {file} is in the image at that path (`docker run --rm --entrypoint ls <image> -l {file}`), relative to the image\'s WORKDIR; fix the COPY of the build output or the path in the start command.',
      {
        text: 'Compare the image\'s ENTRYPOINT/CMD with the command and args set on the container app (the app\'s override wins).',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.containers[].[name,command,args]' -o json",
      },
    ],
    links: [LINKS.containers],
  },
]);
