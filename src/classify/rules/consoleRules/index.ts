import type { ConsoleRule } from '../../types';
import { AZURE_SDK_RULES } from './azureSdk';
import { CROSS_RUNTIME_RULES } from './crossRuntime';
import { DAPR_RULES } from './dapr';
import { DATABASE_RULES } from './databases';
import { DOTNET_RULES } from './dotnet';
import { GENERAL_RULES } from './general';
import { GO_RULES } from './go';
import { HTTP_RULES } from './http';
import { IDENTITY_RULES } from './identity';
import { JAVA_RULES } from './java';
import { MESSAGING_RULES } from './messaging';
import { MODEL_SERVING_RULES } from './modelServing';
import { NODE_RULES } from './node';
import { PHP_RULES } from './php';
import { PLATFORM_RULES } from './platform';
import { PYTHON_RULES } from './python';
import { RUBY_RULES } from './ruby';
import { RUST_RULES } from './rust';
import { SERVER_LOGIN_RULES } from './serverLogins';
import { SHELL_RULES } from './shell';
import { WEB_SERVER_RULES } from './webServers';

/** Every console rule, in table order (order only breaks exact confidence ties). */
export const CONSOLE_RULES: readonly ConsoleRule[] = [
  ...PYTHON_RULES,
  ...NODE_RULES,
  ...JAVA_RULES,
  ...DOTNET_RULES,
  ...GO_RULES,
  ...RUST_RULES,
  ...PHP_RULES,
  ...RUBY_RULES,
  ...SHELL_RULES,
  ...DATABASE_RULES,
  ...MESSAGING_RULES,
  ...AZURE_SDK_RULES,
  ...SERVER_LOGIN_RULES,
  ...DAPR_RULES,
  ...IDENTITY_RULES,
  ...HTTP_RULES,
  ...WEB_SERVER_RULES,
  ...GENERAL_RULES,
  ...CROSS_RUNTIME_RULES,
  ...PLATFORM_RULES,
  ...MODEL_SERVING_RULES,
];
