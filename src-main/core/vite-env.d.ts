// The one Vite feature core uses: migrations are bundled as strings at build time.
interface ImportMeta {
  glob<T>(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, T>;
}
