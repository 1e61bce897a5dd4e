/** Declarations for bin/heap.mjs (plain JavaScript: bin/ runs before tsx is registered). */
export declare const HEAP_GROWING_PERCENT: number;
export declare function tuneHeap(): void;
