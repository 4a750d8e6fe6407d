package dev.execray.rootfs;

import java.util.List;

/**
 * Whose permissions a lookup or exec is checked with: the effective user and groups. Root (uid 0)
 * passes every read and search check and may execute any file that has at least one execute bit,
 * as the kernel's generic_permission() grants with CAP_DAC_OVERRIDE.
 */
public record Credentials(int uid, int gid, List<Integer> groups) {

    public static final Credentials ROOT = new Credentials(0, 0, List.of());

    public Credentials {
        groups = List.copyOf(groups);
    }

    public boolean isRoot() {
        return uid == 0;
    }

    /**
     * Whether {@code want} (a mask of 4 read, 2 write, 1 execute) is granted on an inode: the owner
     * class if the user owns it, else the group class if one of the groups does, else other; root
     * needs an execute bit somewhere only for executing regular files.
     */
    public boolean permits(FileStat stat, int want) {
        if (isRoot()) {
            if ((want & 1) != 0 && !stat.isDirectory()) {
                return stat.anyExecuteBit();
            }
            return true;
        }
        int bits;
        if (stat.uid() == uid) {
            bits = (stat.mode() >> 6) & 7;
        } else if (stat.gid() == gid || groups.contains(stat.gid())) {
            bits = (stat.mode() >> 3) & 7;
        } else {
            bits = stat.mode() & 7;
        }
        return (bits & want) == want;
    }

    @Override
    public String toString() {
        return isRoot() ? "root" : "uid " + uid + " gid " + gid;
    }
}
