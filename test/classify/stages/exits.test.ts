import { exitCodeRule } from '../../../src/classify/rules/exitCodes';
import { runtimeOf } from '../../../src/classify/stages/exits';

const lines = (...texts: string[]) => texts.map((text, index) => ({ ms: index, text, index }));

describe('stage 4: exits', () => {
  it('tells the runtime from telling lines or the image', () => {
    expect(runtimeOf(lines('panic: boom', 'goroutine 1 [running]:'))).toBe('go');
    expect(runtimeOf(lines('Unhandled exception. System.Exception: x'))).toBe('dotnet');
    expect(runtimeOf([], 'mcr.microsoft.com/dotnet/aspnet:8.0')).toBe('dotnet');
    expect(runtimeOf(lines('hello'))).toBeUndefined();
  });

  it('reads codes as the runtime means them', () => {
    expect(exitCodeRule(2, undefined, 'go').id).toBe('exit.2-go-panic');
    expect(exitCodeRule(2).id).toBe('exit.2');
    expect(exitCodeRule(134, undefined, 'dotnet').category).toBe('application-error');
    expect(exitCodeRule(150, 'mcr.microsoft.com/dotnet/runtime:8.0').id).toBe('exit.150-dotnet');
  });

  it('decodes 128+N only for signals that end a process', () => {
    expect(exitCodeRule(150).id).toBe('exit.app-defined'); // 128+22 is SIGTTOU, which only pauses
    expect(exitCodeRule(130).id).toBe('exit.signal'); // SIGINT
  });
});
