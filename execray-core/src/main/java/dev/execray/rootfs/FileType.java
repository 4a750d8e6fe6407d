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
}
