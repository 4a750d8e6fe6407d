package dev.execray.spark;

/** The fleet scan in local mode, small fleet (about 20 inputs): fast enough for every {@code mvn -B verify}. */
class FleetLocalTest extends FleetLocalBase {
    @Override
    int fleetSize() {
        return 12;
    }
}
