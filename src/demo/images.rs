//! Pictures for the demo catalog, drawn here so the binary needs no files:
//! a soft gradient in the category's colour with a motif that differs per
//! product, encoded as PNG.

use crate::error::Error;

const WIDTH: u32 = 480;
const HEIGHT: u32 = 360;

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let lerp = |x: u8, y: u8| (x as f32 + (y as f32 - x as f32) * t).round().clamp(0.0, 255.0) as u8;
    [lerp(a[0], b[0]), lerp(a[1], b[1]), lerp(a[2], b[2])]
}

/// A PNG for product number `seed` of a category coloured `base`.
pub fn picture(base: [u8; 3], seed: u32) -> Result<Vec<u8>, Error> {
    let light = mix(base, [255, 255, 255], 0.75);
    let dark = mix(base, [20, 20, 30], 0.35);
    let (w, h) = (WIDTH as f32, HEIGHT as f32);
    // The motif: one large disc and a ring of small ones, placed by the seed.
    let cx = w * (0.35 + 0.3 * ((seed * 37 % 100) as f32 / 100.0));
    let cy = h * (0.4 + 0.2 * ((seed * 53 % 100) as f32 / 100.0));
    let radius = h * (0.22 + 0.1 * ((seed * 71 % 100) as f32 / 100.0));
    let dots: Vec<(f32, f32)> = (0..5 + seed % 7)
        .map(|i| {
            let angle = i as f32 / (5 + seed % 7) as f32 * std::f32::consts::TAU + seed as f32;
            (cx + angle.cos() * radius * 1.45, cy + angle.sin() * radius * 1.45)
        })
        .collect();
    let dot_radius = radius * 0.14;
    let mut pixels = Vec::with_capacity((WIDTH * HEIGHT * 3) as usize);
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let (fx, fy) = (x as f32, y as f32);
            let mut colour = mix(light, base, (fx + fy) / (w + h));
            let d = ((fx - cx).powi(2) + (fy - cy).powi(2)).sqrt();
            if d < radius {
                colour = mix(base, dark, 1.0 - d / radius * 0.6);
            }
            if dots
                .iter()
                .any(|(dx, dy)| (fx - dx).powi(2) + (fy - dy).powi(2) < dot_radius * dot_radius)
            {
                colour = dark;
            }
            pixels.extend_from_slice(&colour);
        }
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(Error::caused)?;
    writer.write_image_data(&pixels).map_err(Error::caused)?;
    writer.finish().map_err(Error::caused)?;
    Ok(out)
}
