/**
 * The editor's image node: the schema's image (same name and attributes, so published content and
 * co-authors see the same thing) with a view that shows `local:` images from this device while they
 * wait to upload, and says so when the picture is on another co-author's device.
 */
import { Image } from '@tiptap/extension-image';
import { localImageId, localImageUrl } from './local-images.ts';

function showSrc(img: HTMLImageElement, src: string, alt: string) {
  img.alt = alt;
  if (!localImageId(src)) {
    img.src = src;
    img.removeAttribute('data-local');
    return;
  }
  img.dataset.local = 'waiting';
  img.title = 'Kept on this device until it is uploaded';
  void localImageUrl(src).then((url) => {
    if (url) img.src = url;
    else {
      img.dataset.local = 'elsewhere';
      img.alt = alt || 'An image still on a co-author’s device; it appears once they are online.';
    }
  });
}

export const DraftImage = Image.extend({
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img');
      img.className = 'draft-image';
      let shown = '';
      const render = (src: string, alt: string) => {
        if (src === shown) return;
        shown = src;
        showSrc(img, src, alt);
      };
      render(String(node.attrs.src ?? ''), String(node.attrs.alt ?? ''));
      return {
        dom: img,
        update(next) {
          if (next.type !== node.type) return false;
          render(String(next.attrs.src ?? ''), String(next.attrs.alt ?? ''));
          return true;
        },
      };
    };
  },
}).configure({ inline: false, allowBase64: false });
