package dev.execray.spark;

import org.junit.jupiter.api.Tag;

/** The fleet scan in local mode over at least 50 generated images and trees (about 3 minutes): under -Poracle. */
@Tag("oracle")
class FleetLocalOracleTest extends FleetLocalBase {
    @Override
    int fleetSize() {
        return 50;
    }
}
