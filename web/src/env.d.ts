// Vite turns CSS imports into a stylesheet; TypeScript only needs to know they are allowed.
declare module '*.css';
