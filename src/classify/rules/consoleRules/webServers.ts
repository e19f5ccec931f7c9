import { consoleFamily } from '../categoryText';
import { LINKS } from '../links';

/**
 * nginx, OpenResty and the other front servers of a web tier, in their own error-log words: an upstream
 * they cannot connect to, a certificate file that is not there, a Lua module the image lacks. Their access
 * log rows around such a line are normal traffic, not the cause.
 */
export const WEB_SERVER_RULES = consoleFamily('webserver', [
  {
    id: 'console.nginx.upstream-connect',
    category: 'dependency-unreachable',
    title: 'nginx cannot connect to its upstream {host}:{port} ({reason})',
    // nginx's error log for a proxied request: `connect() failed (113: Host is unreachable) while connecting
    // to upstream, client: ..., upstream: "http://10.42.0.16:80/demo"`, the same with 111 (refused) and 101
    // (network unreachable), and `upstream timed out (110: Connection timed out) while connecting to upstream`.
    // The upstream field names where nginx sent the request; the host field after it is the client's Host header.
    pattern:
      /\b(?:connect\(\) failed|upstream timed out) \((?<errno>\d{1,3}): (?<reason>[A-Za-z ]{1,40})\) while connecting to upstream\b(?:.{0,600}?\bupstream: "(?:https?|grpcs?|uwsgi|fastcgi|scgi|memcached):\/\/(?<host>\[[\da-fA-F:]{2,60}\]|[\w.-]{1,200}):(?<port>\d{1,5}))?/,
    keywords: ['while connecting to upstream'],
    // A refusal on the loopback is the replica's own other container (an app behind an nginx sidecar) not
    // listening on the port nginx proxies to: a port question the listen lines answer, not a dependency.
    unless: /\(111: Connection refused\) while connecting to upstream\b.{0,600}?\bupstream: "[a-z]{2,9}:\/\/(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\]):/,
    confidence: 0.8,
    explanation:
      'nginx accepted the request and could not open a connection to the upstream it proxies to ({host|the upstream}, "{reason}"). nginx itself is up and answers the other requests; the 502 the client (or a probe on a proxied path) gets comes from the upstream. "Host is unreachable" or "No route to host" means the address is gone (a pod or replica IP written into the configuration that no longer exists); "Connection refused" means nothing listens on that port; a time-out means a firewall or a stopped host.',
    actions: [
      {
        when: /Host is unreachable|No route to host|Network is unreachable/i,
        decisive: true,
        text: 'The upstream address {host} does not answer at all: proxy to the backend app\'s name (its internal FQDN, or its app name inside the environment) instead of an IP address, with a `resolver` so nginx re-reads it, then redeploy.',
      },
      {
        unless: /Host is unreachable|No route to host|Network is unreachable/i,
        text: 'Check that the upstream {host}:{port} runs and listens on that port (its own console and replica state); when it is another container app, use its internal name and the ingress port it exposes.',
      },
      'Point the probe at a path nginx answers itself (not a proxied location), so an upstream outage does not restart the proxy.',
    ],
    links: [LINKS.troubleshooting],
  },
  {
    id: 'console.tls.certificate-file-missing',
    category: 'missing-configuration',
    title: 'the server cannot load its certificate file {file}: it does not exist',
    // nginx's `[emerg] cannot load certificate "/etc/nginx/certs/x.pem": BIO_new_file() failed (SSL: ...
    // fopen:No such file or directory ...)` (OpenSSL 3 words it `system library::No such file or directory`),
    // the same for `cannot load certificate key`; Apache's `SSLCertificateFile: file '/x.crt' does not exist
    // or is empty`; HAProxy's `unable to stat SSL certificate from file '/x.pem' : No such file or directory`.
    // A file that is there but unreadable or malformed is another story: the words require its absence.
    pattern:
      /\bcannot load certificate(?: key)? "(?<file>[^"]{1,200})": BIO_new_file\(\) failed .{0,200}?No such file|\bSSLCertificate(?:Key)?File: file '(?<file_2>[^']{1,200})' does not exist or is empty|\bunable to stat SSL certificate from file '(?<file_3>[^']{1,200})' : No such file or directory/,
    keywords: ['cannot load certificate', 'does not exist or is empty', 'unable to stat ssl certificate'],
    confidence: 0.88,
    explanation:
      'The server is configured to serve TLS with the certificate {file} and that file is not in the container: the secret volume (or file share) that should provide it is not mounted at that path in this revision, or the file name inside the volume differs from the one the configuration names. The server stops at start, so every restart fails the same way.',
    actions: [
      {
        decisive: true,
        text: 'Mount the secret volume that holds the certificate at the directory of {file} in the container (a volumeMount on this container; a secret volume exposes each secret as a file named after the secret), or change the server\'s certificate setting to the path where it is mounted; this creates a new revision.',
      },
      {
        text: 'Check the volumes the app defines and the mounts each container has.',
        command: "az containerapp show -n {app} -g {resourceGroup} --query 'properties.template.[volumes,containers[].volumeMounts]' -o json",
      },
      'Container Apps ends TLS at its ingress: unless end-to-end TLS is required, the server can listen on plain HTTP behind it and need no certificate.',
    ],
    links: [LINKS.secrets, LINKS.storage],
  },
  {
    id: 'console.server.module-not-built-in',
    category: 'missing-module',
    title: 'the server binary has no module for {module}{directive}',
    // A plugin the configuration uses that the server binary was not built with, or a module not loaded:
    // Caddy's "module not registered: dns.providers.duckdns" (the stock image has no DNS providers, xcaddy
    // builds them in), Envoy's "Didn't find a registered implementation for name: 'envoy.lua'" (an extension
    // left out of the build, or a name the version does not know), Apache's "Invalid command 'RewriteEngine',
    // perhaps misspelled or defined by a module not included in the server configuration" for directives of
    // modules the stock httpd does not load (a misspelt core directive, 'Listn', is the file's own error), and nginx's
    // "unknown directive" for directives only third-party modules define (headers-more, ModSecurity,
    // GeoIP2, Brotli, Lua). Envoy's "... with type URL: ''" is a filter without typed_config, not a missing extension.
    pattern:
      /\bmodule not registered: (?<module>[\w.-]{1,120})|\bDidn't find a registered implementation for (?:name: )?'(?<module_2>[\w.-]{1,120})'|\bInvalid command '(?<directive>Rewrite(?:Engine|Rule|Cond|Base|Map)|WSGI\w{1,30}|Proxy(?:Pass\w{0,20}|Preserve\w{0,10}|Requests)|SSL\w{1,30}|Header|RequestHeader|Expires\w{1,20}|ModPagespeed\w{1,60}|FastCGI\w{1,30}|Passenger\w{1,30}|SecRule\w{0,20}|RemoteIP\w{1,30}|AddOutputFilterByType|DeflateCompressionLevel)', perhaps misspelled or defined by a module not included in the server configuration|\bunknown directive "(?<directive_2>more_(?:set|clear)(?:_input)?_headers|modsecurity(?:_rules(?:_file)?)?|geoip2|brotli(?:_static|_types|_comp_level)?|vhost_traffic_status(?:_zone|_display)?|(?:content|access|rewrite|header_filter|body_filter|log|init|init_worker|set|balancer)_by_lua(?:_block|_file)?|lua_(?:package_path|package_cpath|shared_dict|code_cache)|zstd(?:_static)?)"/,
    keywords: ['module not registered', "didn't find a registered implementation", 'defined by a module not included', 'unknown directive'],
    unless: /with type URL: ''/,
    confidence: 0.9,
    explanation:
      'The configuration uses {module}{directive}, and the server binary in the image does not have the module that provides it: official images ship a core set (Caddy without DNS providers, nginx without headers-more or Lua, Apache with only the modules its configuration loads, Envoy without contrib extensions). The configuration itself may be right; the image is not the one it was written for, so every start fails the same way.',
    actions: [
      { when: /module not registered/, decisive: true, text: 'Build a Caddy image that includes {module}: `xcaddy build --with <module repository>` (for DNS providers, github.com/caddy-dns/<provider>) in a builder stage of the Dockerfile, copy the binary onto the caddy image, push it and deploy that image. `caddy list-modules` in the image shows what it has.' },
      { when: /Didn't find a registered implementation/, decisive: true, text: 'Use an Envoy image that contains {module} (the envoyproxy/envoy-contrib image for contrib extensions), or the extension name this Envoy version knows (older names such as envoy.lua were renamed envoy.filters.http.lua); `envoy --version` and the startup list of extensions show what the binary has.' },
      { when: /defined by a module not included/, decisive: true, text: 'Load the module that defines {directive} in the image (`a2enmod <module>` on Debian images, or a LoadModule line in httpd.conf for the official httpd image), then rebuild and redeploy.' },
      { when: /unknown directive/, decisive: true, text: 'Use an nginx image built with the module that defines {directive} (OpenResty for Lua and headers-more, or install the dynamic module package and add its load_module line), or remove the directive; `nginx -V` shows the modules the binary has.' },
      'Compare the image of this revision with the last one that started: a move to the stock image (or to a new tag without the custom build) drops modules the configuration still uses.',
    ],
    links: [LINKS.containers],
  },
  {
    id: 'console.lua.module-not-found',
    category: 'missing-module',
    title: 'Lua module {module} is not installed in the image',
    // Lua's require, in OpenResty (`lua entry thread aborted: runtime error: x.lua:1: module 'resty.redis' not
    // found:`, `init_by_lua error: ...: module 'rex_pcre' not found:`) and plain Lua alike, followed by the
    // rows of paths it searched (`no field package.preload['x']`, `no file '/usr/local/openresty/lualib/x.lua'`).
    pattern: /\bmodule '(?<module>[\w.-]{1,100})' not found:?/,
    keywords: ["' not found"],
    context: /no field package\.preload\[|\.lua:\d{1,6}:|\blua entry thread aborted\b|\binit(?:_worker)?_by_lua\b|\blua_package_(?:c)?path\b/,
    requireContext: true,
    confidence: 0.88,
    explanation:
      'Lua code (an OpenResty handler, init_by_lua, or a plain Lua script) requires {module} and the module is on none of the paths Lua searched (the rows that follow the error list them): the image lacks the library (an OPM or LuaRocks package, or a C module such as lrexlib) or lua_package_path does not include where it was installed. In a request handler nginx stays up and answers that location with 500; in init_by_lua it refuses to start.',
    actions: [
      {
        decisive: true,
        text: 'Install {module} in the image (`opm get` for lua-resty libraries, `luarocks install` for others, with the C headers a native module needs) or add its directory to lua_package_path / lua_package_cpath, then rebuild and redeploy.',
      },
      'If the module is a file of the app itself, check that the image copies it under one of the searched paths the error lists.',
    ],
    links: [LINKS.containers],
  },
]);
