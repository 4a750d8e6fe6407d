package dev.execray.rootfs;

/** The kinds of inode a path can name, as in the S_IFMT bits of st_mode. */
public enum FileType {
    REGULAR("regular file"),
    DIRECTORY("directory"),
    SYMLINK("symbolic link"),
    CHAR_DEVICE("character device"),
    BLOCK_DEVICE("block device"),
    FIFO("fifo"),
    SOCKET("socket");

    private final String description;

    FileType(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The type in the S_IFMT bits of an st_mode; anything unknown counts as a regular file, as open(2) treats it. */
    public static FileType ofMode(int stMode) {
        return switch (stMode & 0170000) {
            case 0040000 -> DIRECTORY;
            case 0120000 -> SYMLINK;
            case 0020000 -> CHAR_DEVICE;
            case 0060000 -> BLOCK_DEVICE;
            case 0010000 -> FIFO;
            case 0140000 -> SOCKET;
            default -> REGULAR;
        };
    }
}
