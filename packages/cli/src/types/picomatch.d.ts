/** The part of picomatch's API the CLI uses (the package ships no types). */
declare module 'picomatch' {
  interface PicomatchOptions {
    dot?: boolean;
    windows?: boolean;
  }
  interface ScanResult {
    base: string;
    glob: string;
    isGlob: boolean;
  }
  interface Picomatch {
    (glob: string | string[], options?: PicomatchOptions): (path: string) => boolean;
    scan(glob: string): ScanResult;
    isMatch(path: string, glob: string | string[], options?: PicomatchOptions): boolean;
  }
  const picomatch: Picomatch;
  export default picomatch;
}
