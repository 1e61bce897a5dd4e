/**
 * Lists are stored flattened (reading order, with a depth per item); print
 * and HTML need them nested again. One helper, so every format nests alike.
 */
import type { ListItem } from './material.js';

export interface ListNode {
  item: ListItem;
  /** The item's own sub-list, in order (empty when it has none). */
  children: ListNode[];
}

/** Rebuilds the nesting: an item deeper than the one before it belongs to that one's sub-list. */
export function nestListItems(items: readonly ListItem[]): ListNode[] {
  const roots: ListNode[] = [];
  const stack: { depth: number; children: ListNode[] }[] = [{ depth: -1, children: roots }];
  for (const item of items) {
    while (stack.length > 1 && stack[stack.length - 1]!.depth >= item.depth) stack.pop();
    const node: ListNode = { item, children: [] };
    stack[stack.length - 1]!.children.push(node);
    stack.push({ depth: item.depth, children: node.children });
  }
  return roots;
}
