//! The demo shop's products: eight categories of things a small shop sells.

/// (category, colour, [(name, description, price in cents, stock)])
pub type DemoCategory = (
    &'static str,
    [u8; 3],
    &'static [(&'static str, &'static str, i64, i64)],
);

pub const SUPPLIERS: &[(&str, &str, &str)] = &[
    ("Tostadores del Sur", "Marta Ruiz", "marta@tostadores.example"),
    ("Casa & Mesa", "Jordi Puig", "pedidos@casaymesa.example"),
    ("Papelería Luna", "Elena Sanz", "hola@papelerialuna.example"),
    ("Huerto Verde", "Pablo Ortega", "ventas@huertoverde.example"),
];

pub const CATEGORIES: &[DemoCategory] = &[
    (
        "Coffee",
        [139, 94, 60],
        &[
            (
                "Ethiopia Yirgacheffe beans 250 g",
                "Light roast with notes of jasmine, lemon and black tea. Whole beans, roasted weekly.",
                1290,
                34,
            ),
            (
                "Colombia Huila beans 250 g",
                "Medium roast: caramel, red apple and a round body. Whole beans.",
                1150,
                41,
            ),
            (
                "House espresso blend 1 kg",
                "Our everyday espresso: chocolate, hazelnut, low acidity. Whole beans.",
                2890,
                12,
            ),
            (
                "Decaf Peru beans 250 g",
                "Swiss-water decaffeinated; cocoa and brown sugar.",
                1240,
                3,
            ),
            (
                "Pour-over dripper, ceramic",
                "A cone dripper in glazed stoneware for size 02 filters.",
                2450,
                18,
            ),
            (
                "Paper filters size 02 (100)",
                "Unbleached paper filters for cone drippers.",
                590,
                120,
            ),
            (
                "Burr hand grinder",
                "Steel conical burrs with 40 click settings, from espresso to French press.",
                6900,
                0,
            ),
            (
                "Gooseneck kettle 1 l",
                "Stainless steel kettle with a slim spout for a steady pour.",
                4490,
                7,
            ),
        ],
    ),
    (
        "Tea",
        [98, 128, 70],
        &[
            (
                "Sencha green tea 100 g",
                "Steamed Japanese green tea, grassy and sweet.",
                990,
                25,
            ),
            (
                "Earl Grey loose leaf 100 g",
                "Black tea with bergamot oil.",
                850,
                40,
            ),
            (
                "Chamomile flowers 50 g",
                "Whole chamomile blossoms for a calm evening cup.",
                690,
                15,
            ),
            (
                "Rooibos vanilla 100 g",
                "Caffeine-free red bush tea with vanilla pieces.",
                790,
                2,
            ),
            (
                "Cast iron teapot 0.8 l",
                "Enamelled inside, with a stainless steel infuser.",
                3990,
                9,
            ),
            (
                "Glass tea infuser bottle",
                "Carry your tea; the filter keeps leaves in.",
                1890,
                22,
            ),
            (
                "Matcha whisk (chasen)",
                "Hand-carved bamboo whisk with 80 prongs.",
                1590,
                11,
            ),
        ],
    ),
    (
        "Kitchen",
        [196, 92, 54],
        &[
            (
                "Chef's knife 20 cm",
                "Forged stainless steel with a full tang and a beech handle.",
                5900,
                8,
            ),
            (
                "Olive wood cutting board",
                "A single piece of olive wood, oiled; 35 x 20 cm.",
                3450,
                14,
            ),
            (
                "Cast iron skillet 26 cm",
                "Pre-seasoned, for oven, grill and every hob.",
                3990,
                10,
            ),
            (
                "Linen apron, natural",
                "Washed linen with a neck strap and two pockets.",
                2790,
                30,
            ),
            (
                "Spice jars with bamboo lids (6)",
                "Glass jars, 150 ml each, with labels.",
                2190,
                19,
            ),
            (
                "Mortar and pestle, granite",
                "Heavy granite, 15 cm across, unpolished inside.",
                2590,
                4,
            ),
            (
                "Wooden spoon set (3)",
                "Beech spoons for stirring, serving and tasting.",
                1290,
                50,
            ),
            ("Enamel colander", "White enamel with a blue rim, 24 cm.", 2390, 0),
        ],
    ),
    (
        "Home",
        [70, 110, 160],
        &[
            (
                "Wool throw, herringbone",
                "Soft lambswool throw, 130 x 180 cm.",
                8900,
                6,
            ),
            (
                "Soy candle, fig and cedar",
                "Hand-poured in a reusable glass; about 45 hours.",
                1890,
                27,
            ),
            (
                "Linen cushion cover 45 cm",
                "Stonewashed linen with a hidden zip.",
                2290,
                16,
            ),
            (
                "Ceramic vase, speckled",
                "Wheel-thrown stoneware, 22 cm tall.",
                3290,
                5,
            ),
            (
                "Cotton bath towel",
                "Heavy organic cotton terry, 70 x 140 cm.",
                2490,
                35,
            ),
            (
                "Doormat, coir",
                "Natural coconut fibre on a rubber base, 40 x 60 cm.",
                2690,
                13,
            ),
            ("Wall clock, oak", "Silent sweep movement, 30 cm.", 4590, 1),
        ],
    ),
    (
        "Stationery",
        [150, 80, 140],
        &[
            (
                "Dot grid notebook A5",
                "192 pages of 100 g paper, lay-flat binding.",
                1690,
                60,
            ),
            (
                "Fountain pen, medium nib",
                "Steel nib with a converter and two cartridges.",
                3290,
                12,
            ),
            (
                "Ink bottle, midnight blue 50 ml",
                "Water-based ink that dries quickly.",
                1190,
                24,
            ),
            (
                "Weekly planner 2027",
                "Undated weeks, linen cover, ribbon marker.",
                2190,
                18,
            ),
            (
                "Brass pencil sharpener",
                "Solid brass with a replaceable blade.",
                790,
                40,
            ),
            ("Washi tape set (5)", "Five rolls of Japanese paper tape.", 990, 0),
            (
                "Letter paper and envelopes",
                "20 sheets and 10 envelopes, cotton paper.",
                1490,
                9,
            ),
            (
                "Graphite pencils HB (12)",
                "Cedar pencils, pre-sharpened.",
                890,
                75,
            ),
        ],
    ),
    (
        "Garden",
        [76, 140, 90],
        &[
            (
                "Heirloom tomato seeds",
                "A mix of five old varieties, 50 seeds.",
                390,
                90,
            ),
            (
                "Terracotta pot 18 cm",
                "Frost-resistant clay with a drainage hole.",
                1290,
                25,
            ),
            (
                "Pruning shears",
                "Bypass blades in carbon steel, for stems up to 2 cm.",
                2890,
                11,
            ),
            ("Watering can 5 l", "Galvanised steel with a brass rose.", 3990, 6),
            (
                "Garden gloves, leather",
                "Goatskin palms with cotton backs; sizes M and L.",
                1690,
                20,
            ),
            (
                "Herb planter, three pots",
                "Glazed pots on a wooden stand for a windowsill.",
                2990,
                3,
            ),
            (
                "Compost bin 220 l",
                "Recycled plastic with a lid and a hatch.",
                5900,
                2,
            ),
        ],
    ),
    (
        "Outdoor",
        [200, 150, 40],
        &[
            (
                "Enamel camping mug",
                "Steel with enamel, 350 ml, goes on the fire.",
                1290,
                45,
            ),
            (
                "Insulated bottle 750 ml",
                "Keeps drinks cold 24 h or hot 12 h.",
                2790,
                23,
            ),
            (
                "Picnic blanket, waterproof",
                "Wool top and a waterproof back, 150 x 200 cm.",
                5490,
                7,
            ),
            (
                "Headlamp, rechargeable",
                "300 lumens, red light mode, USB-C.",
                3490,
                15,
            ),
            ("Folding knife", "Drop-point blade, 8 cm, oak handle.", 3990, 0),
            (
                "Camping stove, gas",
                "Compact burner with a piezo lighter.",
                4490,
                8,
            ),
            (
                "Hammock, cotton",
                "Woven cotton with ropes, holds 150 kg.",
                4990,
                4,
            ),
            (
                "Trail map case",
                "Clear waterproof case with a neck cord.",
                1190,
                31,
            ),
        ],
    ),
    (
        "Books",
        [90, 90, 110],
        &[
            (
                "The Home Roaster's Handbook",
                "Roasting coffee at home, from a pan to a drum. 240 pages.",
                2490,
                12,
            ),
            (
                "Seasonal Kitchen",
                "A year of vegetables in 120 recipes.",
                2990,
                9,
            ),
            (
                "A Field Guide to Birds",
                "800 species with illustrations and maps.",
                3290,
                5,
            ),
            (
                "Letters on Paper",
                "The craft of handwriting and correspondence.",
                1990,
                14,
            ),
            ("Small Gardens", "Growing food on balconies and patios.", 2290, 0),
            ("Walking the Coast", "Twenty coastal walks with maps.", 1890, 7),
            ("The Tea Atlas", "Where tea grows and how it is made.", 3490, 3),
        ],
    ),
];

/// The same catalog in Spanish: each category's name and its products'
/// names and descriptions, in the order of `CATEGORIES` (whose prices,
/// stock and colours they share).
pub const SPANISH: &[(&str, &[(&str, &str)])] = &[
    (
        "Café",
        &[
            (
                "Café en grano Etiopía Yirgacheffe 250 g",
                "Tueste claro con notas de jazmín, limón y té negro. En grano, tostado cada semana.",
            ),
            (
                "Café en grano Colombia Huila 250 g",
                "Tueste medio: caramelo, manzana roja y cuerpo redondo. En grano.",
            ),
            (
                "Mezcla espresso de la casa 1 kg",
                "Nuestro espresso de cada día: chocolate, avellana, poca acidez. En grano.",
            ),
            (
                "Café descafeinado Perú 250 g",
                "Descafeinado al agua; cacao y azúcar moreno.",
            ),
            (
                "Gotero de cerámica",
                "Un gotero cónico de gres esmaltado para filtros del 02.",
            ),
            (
                "Filtros de papel del 02 (100)",
                "Filtros de papel sin blanquear para goteros cónicos.",
            ),
            (
                "Molinillo manual de muelas",
                "Muelas cónicas de acero con 40 posiciones, del espresso a la prensa francesa.",
            ),
            (
                "Hervidor de cuello de cisne 1 l",
                "Hervidor de acero inoxidable con pico fino para un vertido constante.",
            ),
        ],
    ),
    (
        "Té",
        &[
            (
                "Té verde sencha 100 g",
                "Té verde japonés al vapor, herbáceo y dulce.",
            ),
            ("Té Earl Grey a granel 100 g", "Té negro con aceite de bergamota."),
            (
                "Flores de manzanilla 50 g",
                "Flores enteras de manzanilla para una taza tranquila por la noche.",
            ),
            (
                "Rooibos con vainilla 100 g",
                "Té rojo sin teína con trocitos de vainilla.",
            ),
            (
                "Tetera de hierro fundido 0,8 l",
                "Esmaltada por dentro, con infusor de acero inoxidable.",
            ),
            (
                "Botella de vidrio con infusor",
                "Lleva tu té contigo; el filtro retiene las hojas.",
            ),
            (
                "Batidor de matcha (chasen)",
                "Batidor de bambú tallado a mano con 80 varillas.",
            ),
        ],
    ),
    (
        "Cocina",
        &[
            (
                "Cuchillo de chef 20 cm",
                "Acero inoxidable forjado, espiga completa y mango de haya.",
            ),
            (
                "Tabla de cortar de olivo",
                "Una sola pieza de madera de olivo, aceitada; 35 x 20 cm.",
            ),
            (
                "Sartén de hierro fundido 26 cm",
                "Curada de fábrica, para horno, parrilla y todo tipo de fuegos.",
            ),
            (
                "Delantal de lino natural",
                "Lino lavado con cinta al cuello y dos bolsillos.",
            ),
            (
                "Tarros para especias con tapa de bambú (6)",
                "Tarros de vidrio de 150 ml cada uno, con etiquetas.",
            ),
            (
                "Mortero de granito",
                "Granito macizo de 15 cm de diámetro, sin pulir por dentro.",
            ),
            (
                "Juego de cucharas de madera (3)",
                "Cucharas de haya para remover, servir y probar.",
            ),
        ],
    ),
    (
        "Hogar",
        &[
            (
                "Manta de lana en espiga",
                "Manta suave de lana de cordero, 130 x 180 cm.",
            ),
            (
                "Vela de soja, higo y cedro",
                "Vertida a mano en un vaso reutilizable; unas 45 horas.",
            ),
            (
                "Funda de cojín de lino 45 cm",
                "Lino lavado a la piedra con cremallera oculta.",
            ),
            (
                "Jarrón de cerámica moteado",
                "Gres torneado a mano, 22 cm de alto.",
            ),
            (
                "Toalla de baño de algodón",
                "Rizo grueso de algodón ecológico, 70 x 140 cm.",
            ),
            (
                "Felpudo de coco",
                "Fibra de coco natural sobre base de caucho, 40 x 60 cm.",
            ),
        ],
    ),
    (
        "Papelería",
        &[
            (
                "Cuaderno de puntos A5",
                "192 páginas de papel de 100 g, encuadernación que se abre plana.",
            ),
            (
                "Pluma estilográfica, plumín medio",
                "Plumín de acero con convertidor y dos cartuchos.",
            ),
            ("Tinta azul medianoche 50 ml", "Tinta al agua de secado rápido."),
            (
                "Agenda semanal 2027",
                "Semanas sin fecha, tapa de lino y cinta marcapáginas.",
            ),
            ("Sacapuntas de latón", "Latón macizo con cuchilla recambiable."),
            (
                "Papel de carta y sobres",
                "20 hojas y 10 sobres de papel de algodón.",
            ),
            ("Lápices de grafito HB (12)", "Lápices de cedro, ya afilados."),
        ],
    ),
    (
        "Jardín",
        &[
            (
                "Semillas de tomate tradicional",
                "Una mezcla de cinco variedades antiguas, 50 semillas.",
            ),
            (
                "Maceta de terracota 18 cm",
                "Barro resistente a las heladas con agujero de drenaje.",
            ),
            (
                "Tijeras de podar",
                "Hojas de acero al carbono, para tallos de hasta 2 cm.",
            ),
            (
                "Guantes de jardín de piel",
                "Palmas de piel de cabra y dorso de algodón; tallas M y L.",
            ),
            (
                "Jardinera de hierbas, tres macetas",
                "Macetas esmaltadas sobre un soporte de madera para la ventana.",
            ),
            ("Compostador 220 l", "Plástico reciclado con tapa y trampilla."),
        ],
    ),
    (
        "Aire libre",
        &[
            (
                "Taza esmaltada de acampada",
                "Acero esmaltado, 350 ml, va al fuego.",
            ),
            (
                "Botella térmica 750 ml",
                "Mantiene la bebida fría 24 h o caliente 12 h.",
            ),
            (
                "Manta de pícnic impermeable",
                "Lana por arriba y reverso impermeable, 150 x 200 cm.",
            ),
            ("Linterna frontal recargable", "300 lúmenes, luz roja, USB-C."),
            (
                "Hornillo de gas de acampada",
                "Quemador compacto con encendido piezoeléctrico.",
            ),
            ("Hamaca de algodón", "Algodón tejido con cuerdas, aguanta 150 kg."),
            (
                "Funda para mapas",
                "Funda transparente e impermeable con cordón para el cuello.",
            ),
        ],
    ),
    (
        "Libros",
        &[
            (
                "Manual del tostador casero",
                "Tostar café en casa, de la sartén al tambor. 240 páginas.",
            ),
            ("Cocina de temporada", "Un año de verduras en 120 recetas."),
            (
                "Guía de campo de las aves",
                "800 especies con ilustraciones y mapas.",
            ),
            ("Cartas en papel", "El oficio de escribir a mano y cartearse."),
        ],
    ),
];
