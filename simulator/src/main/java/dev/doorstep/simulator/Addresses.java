package dev.doorstep.simulator;

import java.util.List;
import java.util.Random;

/** Street addresses in Seattle neighbourhoods, each a short walk from the neighbourhood's centre (on land). */
final class Addresses {

    record Address(String text, double lat, double lon) {
    }

    private record Neighbourhood(String zip, double lat, double lon, List<String> streets) {
    }

    private static final List<Neighbourhood> NEIGHBOURHOODS = List.of(
            new Neighbourhood("98122", 47.6153, -122.3162, List.of("E Pine St", "E Union St", "14th Ave", "E Pike St")),
            new Neighbourhood("98102", 47.6290, -122.3215, List.of("E Olive Way", "Bellevue Ave E", "E John St")),
            new Neighbourhood("98119", 47.6374, -122.3571, List.of("Queen Anne Ave N", "W Galer St", "6th Ave W")),
            new Neighbourhood("98107", 47.6687, -122.3840, List.of("NW Market St", "24th Ave NW", "Leary Ave NW")),
            new Neighbourhood("98103", 47.6510, -122.3505, List.of("N 36th St", "Fremont Ave N", "Stone Way N")),
            new Neighbourhood("98103", 47.6615, -122.3347, List.of("N 45th St", "Meridian Ave N", "Densmore Ave N")),
            new Neighbourhood("98105", 47.6615, -122.3130, List.of("University Way NE", "NE 45th St", "Brooklyn Ave NE")),
            new Neighbourhood("98103", 47.6905, -122.3555, List.of("Greenwood Ave N", "N 85th St", "Phinney Ave N")),
            new Neighbourhood("98144", 47.5680, -122.3120, List.of("Beacon Ave S", "S Columbian Way", "15th Ave S")),
            new Neighbourhood("98118", 47.5600, -122.2870, List.of("Rainier Ave S", "S Edmunds St", "37th Ave S")),
            new Neighbourhood("98108", 47.5480, -122.3210, List.of("Airport Way S", "S Bailey St", "Carleton Ave S")),
            new Neighbourhood("98116", 47.5615, -122.3868, List.of("California Ave SW", "SW Alaska St", "44th Ave SW")),
            new Neighbourhood("98101", 47.6080, -122.3360, List.of("Pine St", "Union St", "4th Ave", "Pike St")));

    private static final List<String> FIRST = List.of("Ana", "Ben", "Chloe", "Dev", "Elif", "Femi", "Grace", "Hiro",
            "Ines", "Jamal", "Kira", "Luis", "Mei", "Noah", "Omar", "Priya", "Quinn", "Rosa", "Sami", "Tao", "Uma",
            "Vik", "Wen", "Yara", "Zoe");
    private static final List<String> LAST = List.of("Ruiz", "Nguyen", "Okafor", "Kim", "Patel", "Silva", "Tanaka",
            "Haddad", "Berg", "Lopez", "Chen", "Moreau", "Novak", "Reyes", "Singh", "Walker");

    private Addresses() {
    }

    static Address next(Random random) {
        Neighbourhood n = NEIGHBOURHOODS.get(random.nextInt(NEIGHBOURHOODS.size()));
        String street = n.streets().get(random.nextInt(n.streets().size()));
        int number = 100 + random.nextInt(60) * 20 + random.nextInt(2) * 3;
        // Within about 450 m of the centre.
        double lat = n.lat() + (random.nextDouble() - 0.5) * 0.008;
        double lon = n.lon() + (random.nextDouble() - 0.5) * 0.012;
        return new Address(number + " " + street + ", Seattle, WA " + n.zip(), round(lat), round(lon));
    }

    static String name(Random random) {
        return FIRST.get(random.nextInt(FIRST.size())) + " " + LAST.get(random.nextInt(LAST.size()));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
