package io.prunescope.dependency;

import java.util.Arrays;

/** Disjoint sets over 0..n-1 with path halving and union by size; grows on demand. */
final class UnionFind {

    private int[] parent = new int[1024];
    private int[] size = new int[1024];
    private int count;

    int add(int n) {
        int first = count;
        ensure(count + n);
        for (int i = 0; i < n; i++) {
            parent[first + i] = first + i;
            size[first + i] = 1;
        }
        count += n;
        return first;
    }

    int count() {
        return count;
    }

    int find(int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    boolean union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return false;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        return true;
    }

    private void ensure(int n) {
        if (n > parent.length) {
            int cap = Math.max(n, parent.length * 2);
            parent = Arrays.copyOf(parent, cap);
            size = Arrays.copyOf(size, cap);
        }
    }
}
