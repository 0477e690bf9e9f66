//! The PNG drawing backend: plotters' bitmap backend with our own text
//! rasteriser.
//!
//! Plotters' `ab_glyph` renderer places each glyph at its rounded advance and
//! drops the glyph's left side bearing, so "2001" reads as "200 1". This
//! wrapper delegates all shapes to [`BitMapBackend`] and draws text with exact
//! glyph positions from the same bundled font. Text boxes (anchoring and the
//! sizes the layout uses) are plotters' own, so PNG and SVG lay out alike.

use ab_glyph::{Font, FontRef, ScaleFont, point};
use plotters::prelude::BitMapBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// [`BitMapBackend`] drawing text with [`FontRef`] glyph outlines.
pub struct Raster<'a> {
    bitmap: BitMapBackend<'a>,
    font: FontRef<'static>,
}

impl<'a> Raster<'a> {
    /// Draws into `rgb` (`width * height * 3` bytes) with `font` for text.
    pub fn new(rgb: &'a mut [u8], (width, height): (u32, u32), font: FontRef<'static>) -> Self {
        Self {
            bitmap: BitMapBackend::with_buffer(rgb, (width, height)),
            font,
        }
    }
}

type Result<E> = std::result::Result<(), DrawingErrorKind<E>>;

impl DrawingBackend for Raster<'_> {
    type ErrorType = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.bitmap.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<Self::ErrorType> {
        self.bitmap.ensure_prepared()
    }

    fn present(&mut self) -> Result<Self::ErrorType> {
        self.bitmap.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<Self::ErrorType> {
        self.bitmap.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<Self::ErrorType> {
        self.bitmap.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<Self::ErrorType> {
        self.bitmap.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> Result<Self::ErrorType> {
        self.bitmap.blit_bitmap(pos, (iw, ih), src)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<Self::ErrorType> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let ((x0, y0), (x1, y1)) = style
            .layout_box(text)
            .map_err(|e| DrawingErrorKind::FontError(Box::new(e)))?;
        let (width, height) = (x1 - x0, y1 - y0);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0,
            HPos::Center => -width / 2,
            HPos::Right => -width,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0,
            VPos::Center => -height / 2,
            VPos::Bottom => -height,
        };

        let font = self.font.as_scaled(style.size() as f32);
        // Capital letters centred in the text box: labels line up with ticks.
        let cap_height = font
            .outline_glyph(font.scaled_glyph('H'))
            .map_or(0.0, |g| -g.px_bounds().min.y);
        let baseline = (height as f32 + cap_height) / 2.0;

        let mut coverage = Vec::new();
        let (mut caret, mut previous) = (0.0f32, None);
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(previous) = previous {
                caret += font.kern(previous, id);
            }
            let glyph = id.with_scale_and_position(font.scale(), point(caret, baseline));
            if let Some(outline) = font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                outline.draw(|gx, gy, alpha| {
                    let x = bounds.min.x as i32 + gx as i32 + dx;
                    let y = bounds.min.y as i32 + gy as i32 + dy;
                    coverage.push((x, y, alpha));
                });
            }
            caret += font.h_advance(id);
            previous = Some(id);
        }

        let transform = style.transform();
        for (x, y, alpha) in coverage {
            if alpha <= 0.0 {
                continue;
            }
            let (tx, ty) = transform.transform(x, y);
            self.bitmap.draw_pixel(
                (pos.0 + tx, pos.1 + ty),
                color.mix(f64::from(alpha.min(1.0))),
            )?;
        }
        Ok(())
    }
}
