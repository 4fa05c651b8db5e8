/**
 * Type-checks a consumer project in process with the TypeScript compiler API, under the strictest settings a
 * user may have: one program per module mode, sharing parsed declaration files between the two.
 * @module
 */
import ts from "typescript";

/** How the consumer resolves packages: Node's own ESM rules, or a bundler's. */
export type ModuleMode = "nodenext" | "bundler";

/** Every strictness flag TypeScript 5.9 has, plus checking every declaration file (`skipLibCheck: false`). */
export const STRICTEST: Readonly<ts.CompilerOptions> = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noFallthroughCasesInSwitch: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  allowUnreachableCode: false,
  allowUnusedLabels: false,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  forceConsistentCasingInFileNames: true,
  skipLibCheck: false,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
};

const MODES: Record<ModuleMode, ts.CompilerOptions> = {
  nodenext: { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext },
  bundler: { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
};

/** Parsed source files by name and parse options, shared by every program of one {@link createChecker}. */
type SourceCache = Map<string, ts.SourceFile | undefined>;

function cachingHost(options: ts.CompilerOptions, cache: SourceCache): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`;
    if (!cache.has(key)) cache.set(key, getSourceFile(fileName, languageVersion, onError, shouldCreate));
    return cache.get(key);
  };
  return host;
}

/**
 * A checker for one consumer project.
 * @param typeRoots where `@types/node` is found (the consumer's own `node_modules/@types`, or the workspace's).
 * @returns `check(files, mode, relax?)`: every diagnostic of the program (with `relax` overriding
 * {@link STRICTEST}), formatted `file(line,col): error TS…: …` relative to the project; empty when it compiles.
 */
export function createChecker(projectDir: string, typeRoots: string[]) {
  const cache: SourceCache = new Map();
  return (files: readonly string[], mode: ModuleMode, relax: ts.CompilerOptions = {}): string[] => {
    const options = { ...STRICTEST, ...MODES[mode], ...relax, typeRoots };
    const host = cachingHost(options, cache);
    host.getCurrentDirectory = () => projectDir;
    const program = ts.createProgram({ rootNames: files, options, host });
    const diagnostics = ts.getPreEmitDiagnostics(program);
    return diagnostics.map((d) =>
      ts
        .formatDiagnostic(d, {
          getCanonicalFileName: (f) => f,
          getCurrentDirectory: () => projectDir,
          getNewLine: () => "\n",
        })
        .trim(),
    );
  };
}
