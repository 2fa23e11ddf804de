package dev.sluice.scheduler.cluster;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import dev.sluice.engine.serde.KryoSerde;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.JSerializer;
import org.apache.pekko.serialization.Serialization;

/**
 * Pekko serializer of every {@link dev.sluice.scheduler.protocol.WireMessage} (bound by {@link
 * ClusterConfig}): Kryo set up as {@link KryoSerde#newKryo()} does, classes resolved through the
 * actor system's class loader, plus three serializers of our own:
 *
 * <ul>
 *   <li>typed and classic {@code ActorRef}s travel as their serialization format (the full path
 *       with the address) and are resolved on the receiving system;
 *   <li>{@link Throwable}s travel through Java serialization ({@link ThrowableSerializer}), which
 *       keeps a user's exception, its message, cause chain and stack trace; Kryo's field serializer
 *       cannot rebuild some of the JDK collections inside exceptions.
 * </ul>
 *
 * The class is written without a manifest: Kryo writes the class itself.
 */
public final class KryoActorSerializer extends JSerializer {
  /** The serializer's id in Pekko's registry (unique among the system's serializers). */
  public static final int IDENTIFIER = 0x51_1ce_01;

  private final ExtendedActorSystem system;
  private final Pool<Kryo> pool;
  private volatile ActorRefResolver resolver;

  /** Called by Pekko's serialization extension. */
  public KryoActorSerializer(ExtendedActorSystem system) {
    this.system = system;
    ClassLoader loader = system.dynamicAccess().classLoader();
    this.pool = new Pool<>(true, false, 16) {
      @Override
      protected Kryo create() {
        Kryo kryo = KryoSerde.newKryo();
        kryo.setClassLoader(loader);
        kryo.addDefaultSerializer(ActorRef.class, new TypedActorRefSerializer());
        kryo.addDefaultSerializer(org.apache.pekko.actor.ActorRef.class, new ClassicActorRefSerializer());
        kryo.addDefaultSerializer(Throwable.class, new ThrowableSerializer());
        return kryo;
      }
    };
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public boolean includeManifest() {
    return false;
  }

  @Override
  public byte[] toBinary(Object message) {
    Kryo kryo = pool.obtain();
    try (Output output = new Output(256, -1)) {
      kryo.writeClassAndObject(output, message);
      return output.toBytes();
    } catch (KryoException e) {
      throw new IllegalArgumentException("Cannot serialize a " + message.getClass().getName() + " with Kryo: "
          + e.getMessage(), e);
    } finally {
      pool.free(kryo);
    }
  }

  @Override
  public Object fromBinaryJava(byte[] bytes, Class<?> manifest) {
    Kryo kryo = pool.obtain();
    try (Input input = new Input(bytes)) {
      return kryo.readClassAndObject(input);
    } catch (KryoException e) {
      throw new IllegalArgumentException("Cannot deserialize a Kryo message of " + bytes.length + " bytes: "
          + e.getMessage(), e);
    } finally {
      pool.free(kryo);
    }
  }

  private ActorRefResolver resolver() {
    ActorRefResolver current = resolver;
    if (current == null) {
      // looked up on first use: the serializer is made while the actor system is still starting
      current = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = current;
    }
    return current;
  }

  private final class TypedActorRefSerializer extends Serializer<ActorRef<?>> {
    TypedActorRefSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, ActorRef<?> ref) {
      output.writeString(resolver().toSerializationFormat(ref));
    }

    @Override
    public ActorRef<?> read(Kryo kryo, Input input, Class<? extends ActorRef<?>> type) {
      return resolver().resolveActorRef(input.readString());
    }
  }

  private final class ClassicActorRefSerializer extends Serializer<org.apache.pekko.actor.ActorRef> {
    ClassicActorRefSerializer() {
      super(false, true);
    }

    @Override
    public void write(Kryo kryo, Output output, org.apache.pekko.actor.ActorRef ref) {
      output.writeString(Serialization.serializedActorPath(ref));
    }

    @Override
    public org.apache.pekko.actor.ActorRef read(Kryo kryo, Input input,
        Class<? extends org.apache.pekko.actor.ActorRef> type) {
      return system.provider().resolveActorRef(input.readString());
    }
  }
}
