//! The demo shop's products: eight categories of things a small shop sells,
//! each name written in English and Spanish side by side.

/// The same words in the demo's two languages.
pub struct Words {
    pub en: &'static str,
    pub es: &'static str,
}

impl Words {
    pub fn get(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::En => self.en,
            crate::i18n::Lang::Es => self.es,
        }
    }
}

pub struct DemoCategory {
    pub name: Words,
    /// The background of its products' pictures.
    pub colour: [u8; 3],
    pub products: &'static [DemoProduct],
}

pub struct DemoProduct {
    pub name: Words,
    pub description: Words,
    pub price_cents: i64,
    pub stock: i64,
}

/// A product with its (English, Spanish) name and description.
const fn product(
    name: (&'static str, &'static str),
    description: (&'static str, &'static str),
    price_cents: i64,
    stock: i64,
) -> DemoProduct {
    DemoProduct {
        name: Words {
            en: name.0,
            es: name.1,
        },
        description: Words {
            en: description.0,
            es: description.1,
        },
        price_cents,
        stock,
    }
}

pub const SUPPLIERS: &[(&str, &str, &str)] = &[
    ("Tostadores del Sur", "Marta Ruiz", "marta@tostadores.example"),
    ("Casa & Mesa", "Jordi Puig", "pedidos@casaymesa.example"),
    ("Papelería Luna", "Elena Sanz", "hola@papelerialuna.example"),
    ("Huerto Verde", "Pablo Ortega", "ventas@huertoverde.example"),
];

pub const CATEGORIES: &[DemoCategory] = &[
    DemoCategory {
        name: Words {
            en: "Coffee",
            es: "Café",
        },
        colour: [139, 94, 60],
        products: &[
            product(
                (
                    "Ethiopia Yirgacheffe beans 250 g",
                    "Café en grano Etiopía Yirgacheffe 250 g",
                ),
                (
                    "Light roast with notes of jasmine, lemon and black tea. Whole beans, roasted weekly.",
                    "Tueste claro con notas de jazmín, limón y té negro. En grano, tostado cada semana.",
                ),
                1290,
                34,
            ),
            product(
                ("Colombia Huila beans 250 g", "Café en grano Colombia Huila 250 g"),
                (
                    "Medium roast: caramel, red apple and a round body. Whole beans.",
                    "Tueste medio: caramelo, manzana roja y cuerpo redondo. En grano.",
                ),
                1150,
                41,
            ),
            product(
                ("House espresso blend 1 kg", "Mezcla espresso de la casa 1 kg"),
                (
                    "Our everyday espresso: chocolate, hazelnut, low acidity. Whole beans.",
                    "Nuestro espresso de cada día: chocolate, avellana, poca acidez. En grano.",
                ),
                2890,
                12,
            ),
            product(
                ("Decaf Peru beans 250 g", "Café descafeinado Perú 250 g"),
                (
                    "Swiss-water decaffeinated; cocoa and brown sugar.",
                    "Descafeinado al agua; cacao y azúcar moreno.",
                ),
                1240,
                3,
            ),
            product(
                ("Pour-over dripper, ceramic", "Gotero de cerámica"),
                (
                    "A cone dripper in glazed stoneware for size 02 filters.",
                    "Un gotero cónico de gres esmaltado para filtros del 02.",
                ),
                2450,
                18,
            ),
            product(
                ("Paper filters size 02 (100)", "Filtros de papel del 02 (100)"),
                (
                    "Unbleached paper filters for cone drippers.",
                    "Filtros de papel sin blanquear para goteros cónicos.",
                ),
                590,
                120,
            ),
            product(
                ("Burr hand grinder", "Molinillo manual de muelas"),
                (
                    "Steel conical burrs with 40 click settings, from espresso to French press.",
                    "Muelas cónicas de acero con 40 posiciones, del espresso a la prensa francesa.",
                ),
                6900,
                0,
            ),
            product(
                ("Gooseneck kettle 1 l", "Hervidor de cuello de cisne 1 l"),
                (
                    "Stainless steel kettle with a slim spout for a steady pour.",
                    "Hervidor de acero inoxidable con pico fino para un vertido constante.",
                ),
                4490,
                7,
            ),
        ],
    },
    DemoCategory {
        name: Words { en: "Tea", es: "Té" },
        colour: [98, 128, 70],
        products: &[
            product(
                ("Sencha green tea 100 g", "Té verde sencha 100 g"),
                (
                    "Steamed Japanese green tea, grassy and sweet.",
                    "Té verde japonés al vapor, herbáceo y dulce.",
                ),
                990,
                25,
            ),
            product(
                ("Earl Grey loose leaf 100 g", "Té Earl Grey a granel 100 g"),
                (
                    "Black tea with bergamot oil.",
                    "Té negro con aceite de bergamota.",
                ),
                850,
                40,
            ),
            product(
                ("Chamomile flowers 50 g", "Flores de manzanilla 50 g"),
                (
                    "Whole chamomile blossoms for a calm evening cup.",
                    "Flores enteras de manzanilla para una taza tranquila por la noche.",
                ),
                690,
                15,
            ),
            product(
                ("Rooibos vanilla 100 g", "Rooibos con vainilla 100 g"),
                (
                    "Caffeine-free red bush tea with vanilla pieces.",
                    "Té rojo sin teína con trocitos de vainilla.",
                ),
                790,
                2,
            ),
            product(
                ("Cast iron teapot 0.8 l", "Tetera de hierro fundido 0,8 l"),
                (
                    "Enamelled inside, with a stainless steel infuser.",
                    "Esmaltada por dentro, con infusor de acero inoxidable.",
                ),
                3990,
                9,
            ),
            product(
                ("Glass tea infuser bottle", "Botella de vidrio con infusor"),
                (
                    "Carry your tea; the filter keeps leaves in.",
                    "Lleva tu té contigo; el filtro retiene las hojas.",
                ),
                1890,
                22,
            ),
            product(
                ("Matcha whisk (chasen)", "Batidor de matcha (chasen)"),
                (
                    "Hand-carved bamboo whisk with 80 prongs.",
                    "Batidor de bambú tallado a mano con 80 varillas.",
                ),
                1590,
                11,
            ),
        ],
    },
    DemoCategory {
        name: Words {
            en: "Kitchen",
            es: "Cocina",
        },
        colour: [196, 92, 54],
        products: &[
            product(
                ("Chef's knife 20 cm", "Cuchillo de chef 20 cm"),
                (
                    "Forged stainless steel with a full tang and a beech handle.",
                    "Acero inoxidable forjado, espiga completa y mango de haya.",
                ),
                5900,
                8,
            ),
            product(
                ("Olive wood cutting board", "Tabla de cortar de olivo"),
                (
                    "A single piece of olive wood, oiled; 35 x 20 cm.",
                    "Una sola pieza de madera de olivo, aceitada; 35 x 20 cm.",
                ),
                3450,
                14,
            ),
            product(
                ("Cast iron skillet 26 cm", "Sartén de hierro fundido 26 cm"),
                (
                    "Pre-seasoned, for oven, grill and every hob.",
                    "Curada de fábrica, para horno, parrilla y todo tipo de fuegos.",
                ),
                3990,
                10,
            ),
            product(
                ("Linen apron, natural", "Delantal de lino natural"),
                (
                    "Washed linen with a neck strap and two pockets.",
                    "Lino lavado con cinta al cuello y dos bolsillos.",
                ),
                2790,
                30,
            ),
            product(
                (
                    "Spice jars with bamboo lids (6)",
                    "Tarros para especias con tapa de bambú (6)",
                ),
                (
                    "Glass jars, 150 ml each, with labels.",
                    "Tarros de vidrio de 150 ml cada uno, con etiquetas.",
                ),
                2190,
                19,
            ),
            product(
                ("Mortar and pestle, granite", "Mortero de granito"),
                (
                    "Heavy granite, 15 cm across, unpolished inside.",
                    "Granito macizo de 15 cm de diámetro, sin pulir por dentro.",
                ),
                2590,
                4,
            ),
            product(
                ("Wooden spoon set (3)", "Juego de cucharas de madera (3)"),
                (
                    "Beech spoons for stirring, serving and tasting.",
                    "Cucharas de haya para remover, servir y probar.",
                ),
                1290,
                50,
            ),
            product(
                ("Enamel colander", "Escurridor esmaltado"),
                (
                    "White enamel with a blue rim, 24 cm.",
                    "Esmalte blanco con borde azul, 24 cm.",
                ),
                2390,
                0,
            ),
        ],
    },
    DemoCategory {
        name: Words {
            en: "Home",
            es: "Hogar",
        },
        colour: [70, 110, 160],
        products: &[
            product(
                ("Wool throw, herringbone", "Manta de lana en espiga"),
                (
                    "Soft lambswool throw, 130 x 180 cm.",
                    "Manta suave de lana de cordero, 130 x 180 cm.",
                ),
                8900,
                6,
            ),
            product(
                ("Soy candle, fig and cedar", "Vela de soja, higo y cedro"),
                (
                    "Hand-poured in a reusable glass; about 45 hours.",
                    "Vertida a mano en un vaso reutilizable; unas 45 horas.",
                ),
                1890,
                27,
            ),
            product(
                ("Linen cushion cover 45 cm", "Funda de cojín de lino 45 cm"),
                (
                    "Stonewashed linen with a hidden zip.",
                    "Lino lavado a la piedra con cremallera oculta.",
                ),
                2290,
                16,
            ),
            product(
                ("Ceramic vase, speckled", "Jarrón de cerámica moteado"),
                (
                    "Wheel-thrown stoneware, 22 cm tall.",
                    "Gres torneado a mano, 22 cm de alto.",
                ),
                3290,
                5,
            ),
            product(
                ("Cotton bath towel", "Toalla de baño de algodón"),
                (
                    "Heavy organic cotton terry, 70 x 140 cm.",
                    "Rizo grueso de algodón ecológico, 70 x 140 cm.",
                ),
                2490,
                35,
            ),
            product(
                ("Doormat, coir", "Felpudo de coco"),
                (
                    "Natural coconut fibre on a rubber base, 40 x 60 cm.",
                    "Fibra de coco natural sobre base de caucho, 40 x 60 cm.",
                ),
                2690,
                13,
            ),
            product(
                ("Wall clock, oak", "Reloj de pared de roble"),
                (
                    "Silent sweep movement, 30 cm.",
                    "Mecanismo continuo silencioso, 30 cm.",
                ),
                4590,
                1,
            ),
        ],
    },
    DemoCategory {
        name: Words {
            en: "Stationery",
            es: "Papelería",
        },
        colour: [150, 80, 140],
        products: &[
            product(
                ("Dot grid notebook A5", "Cuaderno de puntos A5"),
                (
                    "192 pages of 100 g paper, lay-flat binding.",
                    "192 páginas de papel de 100 g, encuadernación que se abre plana.",
                ),
                1690,
                60,
            ),
            product(
                ("Fountain pen, medium nib", "Pluma estilográfica, plumín medio"),
                (
                    "Steel nib with a converter and two cartridges.",
                    "Plumín de acero con convertidor y dos cartuchos.",
                ),
                3290,
                12,
            ),
            product(
                ("Ink bottle, midnight blue 50 ml", "Tinta azul medianoche 50 ml"),
                (
                    "Water-based ink that dries quickly.",
                    "Tinta al agua de secado rápido.",
                ),
                1190,
                24,
            ),
            product(
                ("Weekly planner 2027", "Agenda semanal 2027"),
                (
                    "Undated weeks, linen cover, ribbon marker.",
                    "Semanas sin fecha, tapa de lino y cinta marcapáginas.",
                ),
                2190,
                18,
            ),
            product(
                ("Brass pencil sharpener", "Sacapuntas de latón"),
                (
                    "Solid brass with a replaceable blade.",
                    "Latón macizo con cuchilla recambiable.",
                ),
                790,
                40,
            ),
            product(
                ("Washi tape set (5)", "Cintas washi (5)"),
                (
                    "Five rolls of Japanese paper tape.",
                    "Cinco rollos de cinta de papel japonés.",
                ),
                990,
                0,
            ),
            product(
                ("Letter paper and envelopes", "Papel de carta y sobres"),
                (
                    "20 sheets and 10 envelopes, cotton paper.",
                    "20 hojas y 10 sobres de papel de algodón.",
                ),
                1490,
                9,
            ),
            product(
                ("Graphite pencils HB (12)", "Lápices de grafito HB (12)"),
                ("Cedar pencils, pre-sharpened.", "Lápices de cedro, ya afilados."),
                890,
                75,
            ),
        ],
    },
    DemoCategory {
        name: Words {
            en: "Garden",
            es: "Jardín",
        },
        colour: [76, 140, 90],
        products: &[
            product(
                ("Heirloom tomato seeds", "Semillas de tomate tradicional"),
                (
                    "A mix of five old varieties, 50 seeds.",
                    "Una mezcla de cinco variedades antiguas, 50 semillas.",
                ),
                390,
                90,
            ),
            product(
                ("Terracotta pot 18 cm", "Maceta de terracota 18 cm"),
                (
                    "Frost-resistant clay with a drainage hole.",
                    "Barro resistente a las heladas con agujero de drenaje.",
                ),
                1290,
                25,
            ),
            product(
                ("Pruning shears", "Tijeras de podar"),
                (
                    "Bypass blades in carbon steel, for stems up to 2 cm.",
                    "Hojas de acero al carbono, para tallos de hasta 2 cm.",
                ),
                2890,
                11,
            ),
            product(
                ("Watering can 5 l", "Regadera 5 l"),
                (
                    "Galvanised steel with a brass rose.",
                    "Acero galvanizado con alcachofa de latón.",
                ),
                3990,
                6,
            ),
            product(
                ("Garden gloves, leather", "Guantes de jardín de piel"),
                (
                    "Goatskin palms with cotton backs; sizes M and L.",
                    "Palmas de piel de cabra y dorso de algodón; tallas M y L.",
                ),
                1690,
                20,
            ),
            product(
                ("Herb planter, three pots", "Jardinera de hierbas, tres macetas"),
                (
                    "Glazed pots on a wooden stand for a windowsill.",
                    "Macetas esmaltadas sobre un soporte de madera para la ventana.",
                ),
                2990,
                3,
            ),
            product(
                ("Compost bin 220 l", "Compostador 220 l"),
                (
                    "Recycled plastic with a lid and a hatch.",
                    "Plástico reciclado con tapa y trampilla.",
                ),
                5900,
                2,
            ),
        ],
    },
    DemoCategory {
        name: Words {
            en: "Outdoor",
            es: "Aire libre",
        },
        colour: [200, 150, 40],
        products: &[
            product(
                ("Enamel camping mug", "Taza esmaltada de acampada"),
                (
                    "Steel with enamel, 350 ml, goes on the fire.",
                    "Acero esmaltado, 350 ml, va al fuego.",
                ),
                1290,
                45,
            ),
            product(
                ("Insulated bottle 750 ml", "Botella térmica 750 ml"),
                (
                    "Keeps drinks cold 24 h or hot 12 h.",
                    "Mantiene la bebida fría 24 h o caliente 12 h.",
                ),
                2790,
                23,
            ),
            product(
                ("Picnic blanket, waterproof", "Manta de pícnic impermeable"),
                (
                    "Wool top and a waterproof back, 150 x 200 cm.",
                    "Lana por arriba y reverso impermeable, 150 x 200 cm.",
                ),
                5490,
                7,
            ),
            product(
                ("Headlamp, rechargeable", "Linterna frontal recargable"),
                (
                    "300 lumens, red light mode, USB-C.",
                    "300 lúmenes, luz roja, USB-C.",
                ),
                3490,
                15,
            ),
            product(
                ("Folding knife", "Navaja plegable"),
                (
                    "Drop-point blade, 8 cm, oak handle.",
                    "Hoja de punta caída de 8 cm y mango de roble.",
                ),
                3990,
                0,
            ),
            product(
                ("Camping stove, gas", "Hornillo de gas de acampada"),
                (
                    "Compact burner with a piezo lighter.",
                    "Quemador compacto con encendido piezoeléctrico.",
                ),
                4490,
                8,
            ),
            product(
                ("Hammock, cotton", "Hamaca de algodón"),
                (
                    "Woven cotton with ropes, holds 150 kg.",
                    "Algodón tejido con cuerdas, aguanta 150 kg.",
                ),
                4990,
                4,
            ),
            product(
                ("Trail map case", "Funda para mapas"),
                (
                    "Clear waterproof case with a neck cord.",
                    "Funda transparente e impermeable con cordón para el cuello.",
                ),
                1190,
                31,
            ),
        ],
    },
    DemoCategory {
        name: Words {
            en: "Books",
            es: "Libros",
        },
        colour: [90, 90, 110],
        products: &[
            product(
                ("The Home Roaster's Handbook", "Manual del tostador casero"),
                (
                    "Roasting coffee at home, from a pan to a drum. 240 pages.",
                    "Tostar café en casa, de la sartén al tambor. 240 páginas.",
                ),
                2490,
                12,
            ),
            product(
                ("Seasonal Kitchen", "Cocina de temporada"),
                (
                    "A year of vegetables in 120 recipes.",
                    "Un año de verduras en 120 recetas.",
                ),
                2990,
                9,
            ),
            product(
                ("A Field Guide to Birds", "Guía de campo de las aves"),
                (
                    "800 species with illustrations and maps.",
                    "800 especies con ilustraciones y mapas.",
                ),
                3290,
                5,
            ),
            product(
                ("Letters on Paper", "Cartas en papel"),
                (
                    "The craft of handwriting and correspondence.",
                    "El oficio de escribir a mano y cartearse.",
                ),
                1990,
                14,
            ),
            product(
                ("Small Gardens", "Huertos pequeños"),
                (
                    "Growing food on balconies and patios.",
                    "Cultivar alimentos en balcones y patios.",
                ),
                2290,
                0,
            ),
            product(
                ("Walking the Coast", "Caminar por la costa"),
                (
                    "Twenty coastal walks with maps.",
                    "Veinte rutas por la costa con mapas.",
                ),
                1890,
                7,
            ),
            product(
                ("The Tea Atlas", "Atlas del té"),
                (
                    "Where tea grows and how it is made.",
                    "Dónde crece el té y cómo se elabora.",
                ),
                3490,
                3,
            ),
        ],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers in a text, with a decimal comma read as a point.
    fn numbers(text: &str) -> Vec<String> {
        text.replace(',', ".")
            .split(|c: char| !c.is_ascii_digit() && c != '.')
            .map(|n| n.trim_matches('.'))
            .filter(|n| !n.is_empty())
            .map(String::from)
            .collect()
    }

    #[test]
    fn every_spanish_product_is_a_translation_of_its_english_one() {
        for category in CATEGORIES {
            assert_ne!(category.name.en, category.name.es);
            for product in category.products {
                for words in [&product.name, &product.description] {
                    assert_ne!(words.en, words.es, "not translated");
                    // A name paired with its neighbour's carries other
                    // sizes, weights and counts.
                    assert_eq!(
                        numbers(words.en),
                        numbers(words.es),
                        "{} / {}",
                        words.en,
                        words.es
                    );
                }
            }
        }
    }
}
