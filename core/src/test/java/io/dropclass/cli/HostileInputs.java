package io.dropclass.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Builders of small dataset trees, configuration files and safetensors files that the bad-input
 * corpus then breaks: every file is written in code (tiny images, fixed seeds), nothing is read
 * from fixtures.
 */
final class HostileInputs {

    /** Height and width of every generated image. */
    static final int H = 16;
    static final int W = 24;

    /** Images per split. */
    static final int N = 2;

    private HostileInputs() {}

    /** An RGB image of seeded noise. */
    static BufferedImage rgb(int seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    /** A single-channel label image: class ids {@code (x + y) % classes}, or {@code value}. */
    static BufferedImage grey(int height, int width, int classes, int value) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, value >= 0 ? value : (x + y) % classes);
            }
        }
        return image;
    }

    static void png(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    static void jpeg(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }

    /** Keeps the first half of a file. */
    static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    /** Overwrites {@code length} bytes from {@code from} with 0xA5 (a corrupt stream or header). */
    static void flip(Path file, int from, int length) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = from; i < Math.min(bytes.length, from + length); i++) {
            bytes[i] = (byte) 0xA5;
        }
        Files.write(file, bytes);
    }

    /** CamVid SegNet layout: {@code train/}, {@code trainannot/}, {@code val/}, {@code valannot/}. */
    static Path camvid(Path dir) throws IOException {
        Path root = dir.resolve("camvid");
        for (String split : new String[] {"train", "val"}) {
            for (int i = 0; i < N; i++) {
                png(root.resolve(split + "/f" + i + ".png"), rgb(i));
                png(root.resolve(split + "annot/f" + i + ".png"), grey(H, W, 11, -1));
            }
        }
        return root;
    }

    /** Cityscapes layout with {@code labelTrainIds} masks (19 classes). */
    static Path cityscapes(Path dir, int labelValue) throws IOException {
        Path root = dir.resolve("cityscapes");
        for (String split : new String[] {"train", "val"}) {
            for (int i = 0; i < N; i++) {
                String stem = String.format("aachen_%06d_000019", i);
                png(root.resolve("leftImg8bit/" + split + "/aachen/" + stem + "_leftImg8bit.png"),
                        rgb(i));
                png(root.resolve("gtFine/" + split + "/aachen/" + stem
                        + "_gtFine_labelTrainIds.png"), grey(H, W, 19, labelValue));
            }
        }
        return root;
    }

    /** PASCAL VOC 2012 layout: JPEG images, grey class-id masks, ImageSets lists. */
    static Path voc(Path dir) throws IOException {
        Path root = dir.resolve("voc");
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < N; i++) {
            String id = "2007_00000" + i;
            jpeg(root.resolve("JPEGImages/" + id + ".jpg"), rgb(i));
            png(root.resolve("SegmentationClass/" + id + ".png"), grey(H, W, 21, -1));
            list.append(id).append('\n');
        }
        Files.createDirectories(root.resolve("ImageSets/Segmentation"));
        Files.writeString(root.resolve("ImageSets/Segmentation/train.txt"), list);
        Files.writeString(root.resolve("ImageSets/Segmentation/val.txt"), list);
        return root;
    }

    /** A safetensors file with the given header JSON and {@code dataBytes} zero bytes of data. */
    static Path safetensors(Path file, String headerJson, int dataBytes) throws IOException {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        return rawSafetensors(file, json.length, json, dataBytes);
    }

    /** A safetensors file whose length prefix says {@code declaredLength}, whatever follows. */
    static Path rawSafetensors(Path file, long declaredLength, byte[] header, int dataBytes)
            throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(8 + header.length + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(declaredLength).put(header);
        Files.write(file, bytes.array());
        return file;
    }
}
